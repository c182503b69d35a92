// HTML character references: the named ones PTG pages actually use, plus every numeric form.

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  rsquo: '\u2019', lsquo: '\u2018', rdquo: '\u201d', ldquo: '\u201c', sbquo: '\u201a', bdquo: '\u201e',
  mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', bull: '\u2022', middot: '\u00b7', laquo: '\u00ab',
  raquo: '\u00bb', copy: '\u00a9', reg: '\u00ae', trade: '\u2122', deg: '\u00b0', times: '\u00d7',
  divide: '\u00f7', para: '\u00b6', sect: '\u00a7', shy: '', zwj: '', zwnj: '', rarr: '\u2192',
  larr: '\u2190', harr: '\u2194', rArr: '\u21d2', check: '\u2713', euro: '\u20ac', pound: '\u00a3',
  cent: '\u00a2', yen: '\u00a5', plusmn: '\u00b1', frac12: '\u00bd', micro: '\u00b5', prime: '\u2032',
  aacute: 'á', agrave: 'à', acirc: 'â', auml: 'ä', atilde: 'ã', aring: 'å', ccedil: 'ç', eacute: 'é',
  egrave: 'è', ecirc: 'ê', euml: 'ë', iacute: 'í', igrave: 'ì', icirc: 'î', iuml: 'ï', ntilde: 'ñ',
  oacute: 'ó', ograve: 'ò', ocirc: 'ô', ouml: 'ö', otilde: 'õ', oslash: 'ø', uacute: 'ú', ugrave: 'ù',
  ucirc: 'û', uuml: 'ü', yacute: 'ý', szlig: 'ß', Eacute: 'É', Egrave: 'È', Auml: 'Ä', Ouml: 'Ö',
  Uuml: 'Ü', Ccedil: 'Ç', Ntilde: 'Ñ', Aring: 'Å', Oslash: 'Ø',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // Invalid code points (surrogates, > U+10FFFF, NUL) become U+FFFD as browsers do.
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED[ref] ?? NAMED[ref.toLowerCase()] ?? whole;
  });
}
