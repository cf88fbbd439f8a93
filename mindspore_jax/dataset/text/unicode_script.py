"""``UnicodeScriptTokenizer``: split where the Unicode script (ICU ``uscript_getScript``) changes.

As MindSpore's C++ op: a token ends where the script of the next character differs (raw Script
property: Common punctuation/digits and Inherited marks are their own scripts) or where it
switches between ICU White_Space and non-space; whitespace tokens are dropped unless
``keep_whitespace``. Script classification uses the ``regex`` package (optional ``text`` extra).
"""

from .transforms import _ICU_WHITESPACE, _Tokenizer

# Unicode Script property values (long names); names the installed ``regex`` does not know are skipped.
_SCRIPTS = """Common Inherited Latin Greek Cyrillic Armenian Hebrew Arabic Syriac Thaana Nko Samaritan Mandaic
Devanagari Bengali Gurmukhi Gujarati Oriya Tamil Telugu Kannada Malayalam Sinhala Thai Lao Tibetan
Myanmar Georgian Hangul Ethiopic Cherokee Canadian_Aboriginal Ogham Runic Tagalog Hanunoo Buhid
Tagbanwa Khmer Mongolian Limbu Tai_Le New_Tai_Lue Buginese Tai_Tham Balinese Sundanese Batak Lepcha
Ol_Chiki Hiragana Katakana Bopomofo Han Yi Lisu Vai Bamum Syloti_Nagri Phags_Pa Saurashtra Kayah_Li
Rejang Javanese Cham Tai_Viet Meetei_Mayek Linear_B Lycian Carian Old_Italic Gothic Old_Permic Ugaritic
Old_Persian Deseret Shavian Osmanya Osage Elbasan Caucasian_Albanian Vithkuqi Linear_A Cypriot
Imperial_Aramaic Palmyrene Nabataean Hatran Phoenician Lydian Meroitic_Hieroglyphs Meroitic_Cursive
Kharoshthi Old_South_Arabian Old_North_Arabian Manichaean Avestan Inscriptional_Parthian
Inscriptional_Pahlavi Psalter_Pahlavi Old_Turkic Old_Hungarian Hanifi_Rohingya Yezidi Old_Sogdian
Sogdian Old_Uyghur Chorasmian Elymaic Brahmi Kaithi Sora_Sompeng Chakma Mahajani Sharada Khojki
Multani Khudawadi Grantha Newa Tirhuta Siddham Modi Takri Ahom Dogra Warang_Citi Dives_Akuru
Nandinagari Zanabazar_Square Soyombo Pau_Cin_Hau Bhaiksuki Marchen Masaram_Gondi Gunjala_Gondi Makasar
Kawi Cuneiform Cypro_Minoan Egyptian_Hieroglyphs Anatolian_Hieroglyphs Mro Tangsa Bassa_Vah
Pahawh_Hmong Medefaidrin Miao Tangut Nushu Khitan_Small_Script Duployan SignWriting
Nyiakeng_Puachue_Hmong Toto Wancho Nag_Mundari Mende_Kikakui Adlam Braille Tifinagh Glagolitic Coptic
Garay Gurung_Khema Kirat_Rai Ol_Onal Sunuwar Todhri Tulu_Tigalari Sidetic Tai_Yo Beria_Erfe""".split()

_PATTERN = None
_CACHE = {}


def _script_pattern():
    global _PATTERN
    if _PATTERN is None:
        try:
            import regex
        except ImportError as e:
            raise ImportError("UnicodeScriptTokenizer needs the 'regex' package: install mindspore_jax's "
                              "optional 'text' extra (pip install 'mindspore_jax[text]') or "
                              "'pip install regex'.") from e
        parts = []
        for name in _SCRIPTS:
            try:
                regex.compile(rf"\p{{Script={name}}}")
            except regex.error:
                continue
            parts.append(rf"(?P<{name}>\p{{Script={name}}})")
        _PATTERN = regex.compile("|".join(parts))
    return _PATTERN


def _script(c):
    s = _CACHE.get(c)
    if s is None:
        m = _script_pattern().match(c)
        s = _CACHE[c] = m.lastgroup if m else "Unknown"
    return s


class UnicodeScriptTokenizer(_Tokenizer):
    """Tokens are maximal runs of one Unicode script (and of whitespace / non-whitespace)."""

    _name = "UnicodeScriptTokenizer"

    def __init__(self, keep_whitespace=False, with_offsets=False):
        keep_whitespace = False if keep_whitespace is None else keep_whitespace
        with_offsets = False if with_offsets is None else with_offsets
        if not isinstance(keep_whitespace, bool):
            raise TypeError("Wrong input type for keep_whitespace, should be boolean.")
        if not isinstance(with_offsets, bool):
            raise TypeError("Wrong input type for with_offsets, should be boolean.")
        super().__init__(with_offsets)
        self.keep_whitespace = keep_whitespace
        _script_pattern()

    def _split(self, s):
        toks, start, last, was_space = [], 0, None, False
        for i, c in enumerate(s):
            is_space = _ICU_WHITESPACE.fullmatch(c) is not None
            sc = _script(c)
            if sc != last or is_space != was_space:
                if i > start and (self.keep_whitespace or not was_space):
                    toks.append(s[start:i])
                start, last, was_space = i, sc, is_space
        if len(s) > start and (self.keep_whitespace or not was_space):
            toks.append(s[start:])
        return toks


__all__ = ["UnicodeScriptTokenizer"]
