import type { FieldDeclaration } from '@app/engine';

const ADDRESS_FORMS =
  'Write name@example.com or Ada Lovelace <ada@example.com>; separate several with commas, ' +
  'or map a list such as trigger.body.emails.';

/** What the email step asks for; the API validates workflow documents and the UI builds its form from these. */
export const EMAIL_FIELDS: FieldDeclaration[] = [
  {
    name: 'to',
    label: 'To',
    required: true,
    help: `Who receives the email. ${ADDRESS_FORMS} For the address someone typed into your form, map e.g. trigger.body.email.`,
  },
  {
    name: 'subject',
    label: 'Subject',
    required: true,
    kinds: ['value', 'template'],
    help: 'The subject line. Insert values with {{…}}, e.g. Thanks, {{trigger.body.name}}.',
  },
  {
    name: 'text',
    label: 'Text',
    kinds: ['value', 'template', 'expr'],
    help:
      'The message as plain text, as most people will read it. Insert values with {{…}}. ' +
      'Fill in Text, HTML or both; with both, mail programs show HTML and fall back to Text.',
  },
  {
    name: 'html',
    label: 'HTML',
    kinds: ['value', 'template'],
    html: true,
    help:
      'The message as a web page (bold, links, tables). Values inserted with {{…}} are escaped, so ' +
      'whatever someone typed into your form shows as text and cannot change the page.',
  },
  {
    name: 'from',
    label: 'From',
    help:
      "Who the email comes from, e.g. Acme Support <support@acme.com>. Leave empty to use the connection's " +
      'default sender (or its user name). Most mail servers only accept addresses your account may send as.',
  },
  {
    name: 'replyTo',
    label: 'Reply to',
    help: `Where replies go when it should not be the sender, e.g. the person who filled in your form. ${ADDRESS_FORMS}`,
  },
  {
    name: 'cc',
    label: 'Cc',
    help: `Copies; every recipient sees these addresses. ${ADDRESS_FORMS}`,
  },
  {
    name: 'bcc',
    label: 'Bcc',
    help: `Hidden copies; nobody sees these addresses, not even the other Bcc recipients. ${ADDRESS_FORMS}`,
  },
];
