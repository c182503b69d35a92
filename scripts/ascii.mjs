// The bundle's text in ASCII only. V8 keeps every module's source in memory (for lazy compilation
// and toString), and a source holding one character beyond Latin-1 ("—", "→", "•") is stored at
// two bytes per character: the bundle's three loaded files cost 3.4 MB instead of 1.7. esbuild
// escapes strings already, but not regular expressions, template literals or kept comments.

/**
 * `js` with every character beyond ASCII written as a \uXXXX escape (a surrogate pair as two),
 * which means the same in strings, template literals (only String.raw sees the difference),
 * regular expressions and identifiers. `\—` (an escaped character) is the character itself, so
 * its backslash goes. U+2028 and U+2029 stay: in a // comment they end the line.
 */
export function asciiOnly(js) {
  return js.replace(/(\\*)([^\x00-\x7f\u2028\u2029])/g, (_, slashes, ch) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
