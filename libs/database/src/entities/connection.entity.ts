import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Credentials a step uses (SMTP, a Google service account, an API token). Immutable once created. */
@Entity({ name: 'connections' })
export class ConnectionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  type: string;

  @Column('text')
  name: string;

  /** The settings that are not secret: shown by the API. */
  @Column('jsonb')
  config: Record<string, unknown>;

  /** The secret fields, sealed with the SecretBox: never shown, never logged. */
  @Column('text', { name: 'sealed_secrets' })
  sealedSecrets: string;

  /** Names of the secret fields that were given, so the UI can say "password: set". */
  @Column('jsonb', { name: 'secret_names' })
  secretNames: string[];

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
