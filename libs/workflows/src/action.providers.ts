import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboundHostGuard, OutboundHttpClient } from '@app/security';
import {
  ConnectionTypeRegistry,
  createChatMessageSteps,
  createChatWebhookConnectionTypes,
  createHttpStep,
  EmailStep,
  FilterStep,
  GoogleServiceAccountConnectionType,
  GoogleTokenSource,
  HTTP_CONNECTION_TYPES,
  SheetsAppendRowStep,
  SmtpConnectionType,
  StepRegistry,
} from '@app/steps';

/** Every outbound HTTP call of the actions goes through one client guarded by the outbound policy. */
const outboundClientProvider: Provider = {
  provide: OutboundHttpClient,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new OutboundHttpClient(config.outbound),
};

/** Google access tokens, cached per service account; shared by the Sheets step and the connection test. */
const googleTokensProvider: Provider = {
  provide: GoogleTokenSource,
  inject: [APP_CONFIG, OutboundHttpClient],
  useFactory: (config: AppConfig, http: OutboundHttpClient) => new GoogleTokenSource(http, { tokenUrl: config.google.tokenUrl }),
};

/** The actions this process can run. */
const stepRegistryProvider: Provider = {
  provide: StepRegistry,
  inject: [APP_CONFIG, OutboundHttpClient, GoogleTokenSource],
  useFactory: (config: AppConfig, http: OutboundHttpClient, tokens: GoogleTokenSource) =>
    new StepRegistry([
      new FilterStep(),
      createHttpStep(http),
      new EmailStep(undefined, new OutboundHostGuard(config.outbound)),
      new SheetsAppendRowStep(http, tokens, { apiUrl: config.google.apiUrl }),
      ...createChatMessageSteps(http, { urls: chatUrlRules(config) }),
    ]),
};

/** The connection types users can create. */
const connectionTypeRegistryProvider: Provider = {
  provide: ConnectionTypeRegistry,
  inject: [APP_CONFIG, GoogleTokenSource],
  useFactory: (config: AppConfig, tokens: GoogleTokenSource) =>
    new ConnectionTypeRegistry([
      new SmtpConnectionType({}, new OutboundHostGuard(config.outbound)),
      new GoogleServiceAccountConnectionType(tokens),
      ...HTTP_CONNECTION_TYPES,
      ...createChatWebhookConnectionTypes(chatUrlRules(config)),
    ]),
};

export const actionProviders: Provider[] = [
  outboundClientProvider,
  googleTokensProvider,
  stepRegistryProvider,
  connectionTypeRegistryProvider,
];

/** Chat webhook URLs may point at loopback only where outbound calls may (tests, trusted installs). */
function chatUrlRules(config: AppConfig) {
  return { allowLoopbackForTests: config.outbound.allowPrivate };
}
