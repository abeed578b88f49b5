// Package language holds the text basics every engine of rooscoach shares, so
// that each is written once: which language a text is in (and when a turn is
// clearly in another language than its call), a tokenizer with character
// offsets, phrase patterns over its tokens, the negation words of Dutch
// and English, and how both write money: currency symbols and words, and
// numbers in digits read as amounts (ReadAmount, ParseDigits), which the
// arrangement engine's facts and the phrasing engine's check that a
// rewrite keeps its amounts share; and the names of free debt help
// (DebtHelp), which the arrangement, vulnerability and stance engines each
// write in their own pattern syntax.
//
// Engines with needs of their own keep a specialised reader and say why: the
// stance classifier folds diacritics and expands contractions for its model,
// and the phrasing engine matches hundreds of lexicon phrases through a trie.
// Both take their negation words from here.
package language
