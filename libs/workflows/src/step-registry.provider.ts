import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboundHttpClient } from '@app/security';
import {
  ConnectionTypeRegistry,
  createChatMessageSteps,
  createChatWebhookConnectionTypes,
  createHttpStep,
  EmailStep,
  FilterStep,
  HTTP_CONNECTION_TYPES,
  SmtpConnectionType,
  StepRegistry,
} from '@app/steps';

/** The actions this process can run; outbound HTTP calls share one guarded client. */
export const stepRegistryProvider: Provider = {
  provide: StepRegistry,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const http = new OutboundHttpClient(config.outbound);
    const chat = createChatMessageSteps(http, { urls: chatUrlRules(config) });
    return new StepRegistry([new FilterStep(), createHttpStep(http), new EmailStep(), ...chat]);
  },
};

/** The connection types users can create. */
export const connectionTypeRegistryProvider: Provider = {
  provide: ConnectionTypeRegistry,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    new ConnectionTypeRegistry([
      new SmtpConnectionType(),
      ...HTTP_CONNECTION_TYPES,
      ...createChatWebhookConnectionTypes(chatUrlRules(config)),
    ]),
};

/** Chat webhook URLs may point at loopback only where outbound calls may (tests, trusted installs). */
function chatUrlRules(config: AppConfig) {
  return { allowLoopbackForTests: config.outbound.allowPrivate };
}
