package lexical

// NeedsContext are the first words of a sentence that needs the sentence
// before it to make sense: pronouns and determiners without their
// antecedent ("he", "it's", "these"), connectives ("because", "then",
// "however"), answers ("yes", "exactly") and fillers ("yeah", "okay"). A
// quote or a summary sentence never opens with one; the one list for both.
var NeedsContext = Set(`
	absolutely actually again also although and anyway basically because besides both but either exactly
	he he's hence her him his however if indeed it it's its like meanwhile neither no now oh okay one or
	otherwise plus right same she she's so such sure than that that's their theirs them then there
	there's therefore these they they're this those though thus totally uh um well when where whereas
	whether which while who whom whose yeah yes`)
