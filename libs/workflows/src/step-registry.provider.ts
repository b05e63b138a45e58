import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboundHttpClient } from '@app/security';
import { ConnectionTypeRegistry, FilterStep, HttpStep, StepRegistry } from '@app/steps';

/** The actions this process can run; outbound calls share one guarded client. */
export const stepRegistryProvider: Provider = {
  provide: StepRegistry,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const http = new OutboundHttpClient(config.outbound);
    return new StepRegistry([new FilterStep(), new HttpStep(http)]);
  },
};

/** The connection types users can create. */
export const connectionTypeRegistryProvider: Provider = {
  provide: ConnectionTypeRegistry,
  useFactory: () => new ConnectionTypeRegistry([]),
};
