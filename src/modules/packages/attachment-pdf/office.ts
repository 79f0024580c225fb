/** The start of an OLE compound file: a password-protected .docx/.xlsx or an old .doc/.xls. */
const compoundFileSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const isCompoundFile = (bytes: Uint8Array) =>
  compoundFileSignature.every((byte, index) => bytes[index] === byte);
