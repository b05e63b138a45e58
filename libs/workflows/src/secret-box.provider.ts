import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { loadOrCreateKeyFile, SecretBox } from '@app/security';

/** ENCRYPTION_KEY, or in embedded mode a key generated once and kept in DATA_DIR. */
export const secretBoxProvider: Provider = {
  provide: SecretBox,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => SecretBox.fromBase64(config.encryptionKey ?? loadOrCreateKeyFile(config.dataDir)),
};
