/** A realistic run context (SPEC §2) for the specs: a form submission with nested answers and items. */
export function formContext() {
  return {
    trigger: {
      body: {
        name: 'Ann Lee',
        email: 'ann@example.com',
        answers: { q1: 'yes', q2: 9, comments: 'Loved it <3 & more' },
        items: [
          { title: 'Mug', qty: 2, price: 8 },
          { title: 'T-shirt', qty: 1, price: 20 },
        ],
      },
      rawBody: '{"name":"Ann Lee"}',
      query: { src: 'spring sale' },
      headers: { 'content-type': 'application/json' },
      method: 'POST',
      contentType: 'application/json',
      receivedAt: '2026-03-04T05:06:07.000Z',
      eventId: 'evt_1',
    },
    steps: { crm: { status: 201, headers: {}, body: { id: 'lead_77' } } },
    workflow: { id: 'wf_1', name: 'Contact form to sheet' },
    run: { id: 'run_1' },
  };
}
