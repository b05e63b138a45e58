import { TextDecoder } from 'node:util';

// Bytes 0x80–0x9F of windows-1252; the five it leaves undefined map to themselves, as WHATWG says.
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1 = /[\u0080-\u009f]/g;

/**
 * Node 20's TextDecoder names "latin1", "iso-8859-1" and "windows-1252" windows-1252 (WHATWG) but decodes
 * them as ISO-8859-1, so a Windows client's “smart quotes” and € would come out as C1 control characters.
 * Mapping that range afterwards is right on either behaviour: a correct decoder leaves only the five
 * self-mapped ones there.
 */
export function windows1252Decoder(): Pick<TextDecoder, 'decode'> {
  const latin1 = new TextDecoder('windows-1252');
  return {
    decode: (bytes) => latin1.decode(bytes).replace(C1, (c) => HIGH[c.charCodeAt(0) - 0x80]),
  };
}
