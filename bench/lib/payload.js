'use strict';
/** A form-like JSON body padded to about `bytes` bytes. */

function makePayload(bytes) {
  const body = {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    answers: { q1: 'yes', q2: 42 },
    items: [1, 2, 3].map((i) => ({ sku: `SKU-${i}`, title: `Item ${i}`, qty: i, price: 9.99 * i })),
    note: '',
  };
  body.note = 'x'.repeat(Math.max(0, bytes - JSON.stringify(body).length));
  return JSON.stringify(body);
}

module.exports = { makePayload };
