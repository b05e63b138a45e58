import type { FieldDeclaration } from '@app/engine';

export const FILTER_FIELDS: FieldDeclaration[] = [
  {
    name: 'condition',
    label: 'Only continue if',
    kinds: ['expr'],
    required: true,
    help:
      "A check on the incoming data, e.g. trigger.body.status = 'paid' or trigger.body.total > 100. " +
      'When it is false (or empty, 0, or missing) the run stops here and is marked "filtered"; that is not an error.',
  },
];
