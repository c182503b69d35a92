/** `js` with every character beyond ASCII (but U+2028, U+2029) written as a \uXXXX escape. */
export function asciiOnly(js: string): string;
