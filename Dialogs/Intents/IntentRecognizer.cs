using System.Globalization;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.Intents;

/// <summary>
/// Table-driven intent recognition in two passes: exact command forms with their arguments ("fase 2 contract
/// getekend"), then — for intents that allow it — fuzzy similarity to the example phrasings. Destructive intents are
/// only ever recognized from their exact command form. Pure and thread-safe; the table is compiled once.
/// </summary>
public sealed class IntentRecognizer
{
    private static readonly Intent[] DefaultSuggestions = [Intent.WhereAreWe, Intent.Pulse, Intent.Help];

    private readonly RecognitionOptions options;
    private readonly List<CommandForm> commands;
    private readonly List<Example> examples;
    private readonly Dictionary<Language, HashSet<string>> wordsOnlyIn = [];

    public IntentRecognizer(IOptions<RecognitionOptions> options)
    {
        this.options = options.Value;
        commands = [.. CompileCommands().OrderByDescending(c => c.Words.Length)];
        examples = [.. CompileExamples()];
        var vocabularies = IntentCatalog.Languages.ToDictionary(l => l, Vocabulary);
        foreach (var (language, words) in vocabularies)
        {
            wordsOnlyIn[language] = [.. words.Except(vocabularies.Where(v => v.Key != language).SelectMany(v => v.Value))];
        }
    }

    public Recognition Recognize(string? text)
    {
        var tokens = TextNormalizer.Tokenize(text, options.MaxInputChars, options.MaxTokens);
        if (tokens.Count == 0)
        {
            return new Recognition(null, [.. DefaultSuggestions.Select(i => new IntentSuggestion(i, 0))], null);
        }

        var command = MatchCommand(tokens);
        if (command is not null)
        {
            return new Recognition(command, [], command.Language ?? DetectLanguage(tokens));
        }

        var content = tokens.Select(t => t.Normal).Where(w => !StopWords.Contains(w)).ToArray();
        var scores = ScoreIntents(content);
        var fuzzy = AcceptFuzzy(scores);
        return fuzzy is not null
            ? new Recognition(fuzzy, [], fuzzy.Language ?? DetectLanguage(tokens))
            : new Recognition(null, Suggest(scores), DetectLanguage(tokens));
    }

    private IntentMatch? MatchCommand(IReadOnlyList<Token> tokens)
    {
        // Longest command form first. Once a longer form fitted but left words over ("verwijder alliantie niet"),
        // a shorter destructive form must not take those words as its argument ("verwijder <naam>").
        var longerFormRejected = false;
        foreach (var form in commands)
        {
            if (!StartsWith(tokens, form.Words) || (longerFormRejected && form.Definition.Policy == MatchPolicy.Destructive))
            {
                continue;
            }

            var arguments = ParseArguments(form.Definition, tokens.Skip(form.Words.Length).ToList(), out var leftover);
            if (leftover.Any(t => !StopWords.Contains(t.Normal)))
            {
                longerFormRejected = true;
                continue;
            }

            return new IntentMatch(form.Definition.Id, MatchKind.Command, 1.0, form.Language, arguments);
        }

        return null;
    }

    private static bool StartsWith(IReadOnlyList<Token> tokens, string[] words)
    {
        if (tokens.Count < words.Length)
        {
            return false;
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (!string.Equals(tokens[i].Normal, words[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static IntentArguments ParseArguments(IntentDefinition definition, List<Token> rest, out List<Token> leftover)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<ArgumentProblem>();
        var position = 0;
        foreach (var spec in definition.Arguments)
        {
            if (position >= rest.Count)
            {
                if (spec.Required)
                {
                    problems.Add(new ArgumentProblem(spec.Name, ArgumentProblemKind.Missing, null));
                }

                continue;
            }

            if (spec.Type == ArgumentType.Text)
            {
                values[spec.Name] = string.Join(' ', rest.Skip(position).Select(t => t.Original));
                position = rest.Count;
                continue;
            }

            var token = rest[position++];
            var parsed = spec.Type switch
            {
                ArgumentType.Integer => ParseInteger(token, spec),
                ArgumentType.Language => IntentCatalog.LanguageNames.TryGetValue(token.Normal, out var named) && Languages.IsSupported(named)
                    ? named.Code
                    : null,
                ArgumentType.Code => ParseCode(token),
                _ => null,
            };
            if (parsed is null)
            {
                problems.Add(new ArgumentProblem(spec.Name, ArgumentProblemKind.Invalid, token.Original));
            }
            else
            {
                values[spec.Name] = parsed;
            }
        }

        leftover = rest.Skip(position).ToList();
        return new IntentArguments(values, problems);
    }

    private static string? ParseInteger(Token token, ArgumentSpec spec)
    {
        var ok = int.TryParse(token.Normal, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                 || IntentCatalog.TryNumber(token.Normal, out number);
        return ok && number >= spec.Min && number <= spec.Max ? number.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Join codes are letters and digits (at least one digit, 6–16 of them) with optional dashes.</summary>
    private static string? ParseCode(Token token)
    {
        var alphanumeric = token.Normal.Count(char.IsAsciiLetterOrDigit);
        var valid = token.Normal.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                    && alphanumeric is >= 6 and <= 16
                    && token.Normal.Any(char.IsAsciiDigit);
        return valid ? token.Normal.ToUpperInvariant() : null;
    }

    private Dictionary<Intent, IntentScore> ScoreIntents(string[] content)
    {
        var scores = new Dictionary<Intent, IntentScore>();
        if (content.Length == 0)
        {
            return scores;
        }

        foreach (var example in examples)
        {
            var score = Math.Max(SoftDice(content, example.Words), Similarity.Trigram(content, example.Words));
            var containment = Containment(example.Words, content);
            scores[example.Definition.Id] = scores.TryGetValue(example.Definition.Id, out var current)
                ? current.With(example.Language, score, containment)
                : new IntentScore(example.Definition, new Dictionary<Language, double>(), 0).With(example.Language, score, containment);
        }

        return scores;
    }

    private IntentMatch? AcceptFuzzy(Dictionary<Intent, IntentScore> scores)
    {
        var ranked = scores.Values
            .Where(s => s.Definition.Policy == MatchPolicy.Fuzzy)
            .OrderByDescending(s => s.Best)
            .ToList();
        if (ranked.Count == 0 || ranked[0].Best < options.AcceptThreshold)
        {
            return null;
        }

        var best = ranked[0];
        var ambiguous = ranked.Count > 1
                        && best.Best < options.SureScore
                        && best.Best - ranked[1].Best < options.AmbiguityMargin;
        return ambiguous ? null : new IntentMatch(best.Definition.Id, MatchKind.Fuzzy, Math.Round(best.Best, 3), best.Language, IntentArguments.Empty);
    }

    private IReadOnlyList<IntentSuggestion> Suggest(Dictionary<Intent, IntentScore> scores)
    {
        var suggestions = scores.Values
            .Where(s => s.Definition.Policy != MatchPolicy.Destructive && s.Definition.Id != Intent.Cancel)
            .Select(s => new IntentSuggestion(s.Definition.Id, Math.Round(Math.Max(s.Best, 0.85 * s.Containment), 3)))
            .Where(s => s.Score >= options.SuggestionFloor)
            .OrderByDescending(s => s.Score)
            .Take(3)
            .ToList();
        foreach (var fallback in DefaultSuggestions)
        {
            if (suggestions.Count < 3 && suggestions.All(s => s.Intent != fallback))
            {
                suggestions.Add(new IntentSuggestion(fallback, 0));
            }
        }

        return suggestions;
    }

    private Language? DetectLanguage(IReadOnlyList<Token> tokens)
    {
        var counts = wordsOnlyIn.Select(p => (Language: p.Key, Count: tokens.Count(t => p.Value.Contains(t.Normal))))
            .OrderByDescending(c => c.Count).ToList();
        return counts.Count > 0 && counts[0].Count > 0 && (counts.Count == 1 || counts[0].Count > counts[1].Count) ? counts[0].Language : null;
    }

    /// <summary>Dice over words where a typo counts partially: each side's words find their best partner on the other.</summary>
    private static double SoftDice(string[] input, string[] example)
    {
        var total = input.Sum(w => Best(w, example)) + example.Sum(w => Best(w, input));
        return total / (input.Length + example.Length);
    }

    private static double Containment(string[] example, string[] input) => example.Sum(w => Best(w, input)) / example.Length;

    private static double Best(string word, string[] others)
    {
        var best = 0.0;
        foreach (var other in others)
        {
            best = Math.Max(best, Similarity.Word(word, other));
            if (best >= 1) break;
        }

        return best;
    }

    private static IEnumerable<CommandForm> CompileCommands()
    {
        foreach (var definition in IntentTable.All)
        {
            var forms = IntentCatalog.Languages.ToDictionary(
                l => l, l => definition.Phrasing(l).Commands.Select(TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal));
            foreach (var form in forms.Values.SelectMany(f => f).Distinct(StringComparer.Ordinal))
            {
                // A form of exactly one language tells the language; a form several languages share ("status") does not.
                var speakers = forms.Where(f => f.Value.Contains(form)).Select(f => f.Key).ToList();
                yield return new CommandForm(definition, form.Split(' '), speakers.Count == 1 ? speakers[0] : null);
            }
        }
    }

    private static IEnumerable<Example> CompileExamples()
    {
        foreach (var definition in IntentTable.All.Where(d => d.Policy != MatchPolicy.Destructive))
        {
            foreach (var language in IntentCatalog.Languages)
            {
                var phrasing = definition.Phrasing(language);
                foreach (var phrase in phrasing.Examples.Concat(phrasing.Commands))
                {
                    var words = TextNormalizer.Normalize(phrase).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Where(w => !StopWords.Contains(w)).ToArray();
                    if (words.Length > 0)
                    {
                        yield return new Example(definition, language, words);
                    }
                }
            }
        }
    }

    private static HashSet<string> Vocabulary(Language language)
    {
        var words = new HashSet<string>(StopWords.Of(language), StringComparer.Ordinal);
        foreach (var definition in IntentTable.All)
        {
            var phrasing = definition.Phrasing(language);
            foreach (var phrase in phrasing.Commands.Concat(phrasing.Examples))
            {
                words.UnionWith(TextNormalizer.Normalize(phrase).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return words;
    }

    private sealed record CommandForm(IntentDefinition Definition, string[] Words, Language? Language);

    private sealed record Example(IntentDefinition Definition, Language Language, string[] Words);

    private sealed record IntentScore(IntentDefinition Definition, IReadOnlyDictionary<Language, double> Scores, double Containment)
    {
        public double Best => Scores.Count == 0 ? 0 : Scores.Values.Max();

        /// <summary>The language whose examples fit clearly better than every other; null when they tie (shared words).</summary>
        public Language? Language
        {
            get
            {
                var ranked = Scores.OrderByDescending(s => s.Value).ToList();
                return ranked.Count == 0 ? null
                    : ranked.Count == 1 || ranked[0].Value > ranked[1].Value + 0.001 ? ranked[0].Key
                    : null;
            }
        }

        public IntentScore With(Language language, double score, double containment)
        {
            var scores = new Dictionary<Language, double>(Scores) { [language] = Math.Max(Scores.GetValueOrDefault(language), score) };
            return this with { Scores = scores, Containment = Math.Max(Containment, containment) };
        }
    }
}
