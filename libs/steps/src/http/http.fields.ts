import type { FieldDeclaration } from '@app/engine';

/** What the http step asks for; the API validates workflow documents and the UI builds its form from these. */
export const HTTP_FIELDS: FieldDeclaration[] = [
  {
    name: 'url',
    label: 'URL',
    required: true,
    kinds: ['value', 'template', 'expr'],
    help:
      'The full web address to call, starting with https:// (or http://). Insert values with {{…}}, e.g. ' +
      'https://api.example.com/customers/{{trigger.body.id}}; wrap values that may contain spaces or symbols in {{urlencode …}}.',
  },
  {
    name: 'method',
    label: 'Method',
    kinds: ['value', 'template', 'expr'],
    help:
      'GET reads, POST sends or creates, PUT and PATCH update, DELETE removes. ' +
      'Leave it empty to use POST when there is a body and GET when there is none.',
  },
  {
    name: 'query',
    label: 'Query parameters',
    kinds: ['value', 'expr'],
    help:
      'Name/value pairs added to the end of the URL as ?name=value&…, e.g. { "page": 2, "status": "open" }. ' +
      'Values are encoded for you; a list repeats the name once per item.',
  },
  {
    name: 'headers',
    label: 'Headers',
    kinds: ['value', 'expr'],
    help:
      'Extra request headers as name/value pairs, e.g. { "X-Api-Version": "2" }. ' +
      'Content-Type is filled in from the body type unless you set it here. Use a connection for passwords and tokens.',
  },
  {
    name: 'body',
    label: 'Body',
    help:
      'What to send. For JSON, build it with an expression such as { "name": trigger.body.name } rather than typing JSON text. ' +
      'Leave it empty to send no body.',
  },
  {
    name: 'bodyType',
    label: 'Body type',
    kinds: ['value'],
    help:
      'json (default): the body is sent as JSON. form: sent like a web form (application/x-www-form-urlencoded); ' +
      'give name/value pairs, nested ones become name[key]. text: sent as plain text.',
  },
  {
    name: 'timeoutMs',
    label: 'Timeout (milliseconds)',
    kinds: ['value'],
    help:
      'How long to wait for the complete answer, redirects included. Default 30000 (30 seconds), at most 300000 (5 minutes). ' +
      'A timed-out call is retried.',
  },
];
