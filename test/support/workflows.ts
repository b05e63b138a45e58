/** The SPEC's running example: a contact form, a filter on one answer, a mapped POST to a CRM. */
export function contactFormWorkflow(crmUrl: string, extra: object = {}) {
  return {
    name: 'Contact form to CRM',
    trigger: { type: 'webhook', methods: ['POST'] },
    steps: [
      { key: 'only_yes', type: 'filter', config: { condition: { expr: "trigger.body.answers.q1 = 'yes'" } } },
      {
        key: 'crm',
        type: 'http',
        config: {
          method: { value: 'POST' },
          url: { template: `${crmUrl}/leads?src={{trigger.query.src}}` },
          headers: { value: { 'x-source': 'hookflow' } },
          body: { expr: "{ 'fullName': trigger.body.name, 'score': trigger.body.answers.q2, 'event': trigger.eventId }" },
        },
      },
    ],
    ...extra,
  };
}
