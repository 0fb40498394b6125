using System.Collections.Frozen;
using System.Text.Json;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Intents;

/// <summary>The words of one language that recognition needs besides the intent phrasings.</summary>
public sealed record LanguageWords(
    IReadOnlyDictionary<string, int> Numbers,
    IReadOnlyDictionary<string, string> LanguageNames,
    IReadOnlySet<string> StopWords,
    IReadOnlySet<string> None,
    IReadOnlySet<string> Default)
{
    /// <summary>The words a manager types in a schedule ("first tuesday 10:00"); read by <c>Rounds/Schedules/ScheduleParser</c>.</summary>
    public ScheduleWords Schedule { get; init; } = ScheduleWords.None;

    /// <summary>The keywords of the one-line "create alliance" form; read by <c>Alliances/OneLineAlliance</c> and <c>AllianceInputs</c>.</summary>
    public AllianceWords Alliance { get; init; } = AllianceWords.None;
}

/// <summary>
/// One language's schedule words (section <c>schedule</c> of <c>Intents/words.{code}.json</c>), lower-case as typed.
/// Ordinals map to 1–4, or -1 for "last"; weekdays to English day names. <see cref="Every"/> may hold a two-word
/// phrase ("om de"). <see cref="Other"/> ("other", "second") makes "every other tuesday" fortnightly unless a
/// <see cref="Month"/> word says "of the month". <see cref="TimeSuffixes"/> follow an hour ("9 uhr", "9 uur").
/// </summary>
public sealed record ScheduleWords(
    IReadOnlyDictionary<string, int> Ordinals,
    IReadOnlyDictionary<string, DayOfWeek> Weekdays,
    IReadOnlySet<string> Every,
    IReadOnlySet<string> Other,
    IReadOnlySet<string> Weeks,
    IReadOnlySet<string> Month,
    IReadOnlySet<string> From,
    IReadOnlySet<string> TimeSuffixes,
    IReadOnlySet<string> Filler)
{
    public static ScheduleWords None { get; } = new(
        new Dictionary<string, int>(), new Dictionary<string, DayOfWeek>(), new HashSet<string>(), new HashSet<string>(),
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
}

/// <summary>
/// The small words of "commit N for NAME by ROUND" in one language (words.{code}.json, "commit"), in normalized form:
/// the word before an owner's name, the words before a due round, the word "round", and words that may stand between
/// them ("bis zur Runde 5"); and the words that switch members' commitments on or off ("an", "aus").
/// </summary>
public sealed record CommitWords(
    IReadOnlySet<string> Owner, IReadOnlySet<string> Due, IReadOnlySet<string> Round, IReadOnlySet<string> Filler,
    IReadOnlySet<string> On, IReadOnlySet<string> Off);

/// <summary>
/// The keywords of the one-line <c>create alliance "NAME" as ORG with P, Q and R tz ZONE lang CODE</c> form in one
/// language (words.{code}.json, "alliance"), lower-case as typed: the word before the organisation, before the
/// partners, before the time zone and before the language, and the word that joins the last partner ("and").
/// </summary>
public sealed record AllianceWords(
    IReadOnlySet<string> As, IReadOnlySet<string> With, IReadOnlySet<string> TimeZone, IReadOnlySet<string> Language,
    IReadOnlySet<string> And)
{
    public static AllianceWords None { get; } = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
}

/// <summary>
/// The intent phrasings and recognition words per language, from embedded <c>Intents/intents.{code}.json</c> (intent
/// key → commands, usage, examples) and <c>Intents/words.{code}.json</c> (number words, language names, stop words).
/// The languages are the codes found; all words are stored in their normalized form.
/// </summary>
public static class IntentCatalog
{
    private static readonly Lazy<Loaded> Catalog = new(Load);

    public static IReadOnlyList<Language> Languages => Catalog.Value.Languages;

    public static IReadOnlyDictionary<string, IntentPhrasing> Phrasings(Language language) =>
        Catalog.Value.Phrasings.TryGetValue(language, out var p) ? p : Catalog.Value.Phrasings[Language.Fallback];

    public static LanguageWords Words(Language language) =>
        Catalog.Value.Words.TryGetValue(language, out var w) ? w : Catalog.Value.Words[Language.Fallback];

    /// <summary>Every language name and code any catalog knows ("deutsch", "duits", "german", "de") → language.</summary>
    public static IReadOnlyDictionary<string, Language> LanguageNames => Catalog.Value.LanguageNames;

    /// <summary>The commit words of every language together: people mix ("commit 2 voor Anna by 5").</summary>
    public static CommitWords AllCommitWords => Catalog.Value.Commit;

    /// <summary>The one-line alliance keywords of every language together: "als", "with" and "tz" may meet in one line.</summary>
    public static AllianceWords AllAllianceWords => Catalog.Value.Alliance;

    /// <summary>A number word of any language ("two", "twee", "zwei").</summary>
    public static bool TryNumber(string normalWord, out int value) => Catalog.Value.Numbers.TryGetValue(normalWord, out value);

    public static bool IsStopWord(string normalWord) => Catalog.Value.AllStopWords.Contains(normalWord);

    /// <summary>"none"/"geen"/"keine": a word of any language that means nothing at all (as typed, any case).</summary>
    public static bool IsNoneWord(string typed) => Catalog.Value.Words.Values.Any(w => w.None.Contains(typed));

    /// <summary>"default"/"standaard"/"ja": a word of any language that accepts the default (as typed, any case).</summary>
    public static bool IsDefaultWord(string typed) => Catalog.Value.Words.Values.Any(w => w.Default.Contains(typed));

    /// <summary>A supported language from a code, tag or name in any catalog language ("de-AT", "Deutsch", "duits").</summary>
    public static Language? ParseLanguage(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normal = TextNormalizer.Normalize(text);
        if (LanguageNames.TryGetValue(normal, out var named) && Trust.Languages.IsSupported(named))
        {
            return named;
        }

        return normal.Length > 0 && normal.All(c => char.IsAsciiLetter(c) || c is '-' or '_') ? Trust.Languages.FromSupportedLocale(normal) : null;
    }

    private sealed record Loaded(
        IReadOnlyList<Language> Languages,
        FrozenDictionary<Language, IReadOnlyDictionary<string, IntentPhrasing>> Phrasings,
        FrozenDictionary<Language, LanguageWords> Words,
        FrozenDictionary<string, Language> LanguageNames,
        FrozenDictionary<string, int> Numbers,
        FrozenSet<string> AllStopWords,
        CommitWords Commit,
        AllianceWords Alliance);

    private sealed record PhrasingJson(List<string> Commands, string Usage, List<string> Examples);

    private sealed record WordsJson(Dictionary<string, int> Numbers, Dictionary<string, string> Languages, List<string> StopWords, List<string> None, List<string> Default,
        ScheduleJson? Schedule)
    {
        public CommitWordsJson? Commit { get; init; }

        public AllianceWordsJson? Alliance { get; init; }
    }

    private sealed record AllianceWordsJson(List<string>? As, List<string>? With, List<string>? TimeZone, List<string>? Language, List<string>? And)
    {
        public AllianceWordsJson Checked(string file) =>
            new[] { As, With, TimeZone, Language, And }.Any(s => s is null || s.Count == 0 || s.Any(string.IsNullOrWhiteSpace))
                ? throw new InvalidOperationException($"'{file}': every alliance keyword list (as, with, timezone, language, and) needs at least one word.")
                : this;
    }

    private sealed record CommitWordsJson(List<string> Owner, List<string> Due, List<string> Round, List<string> Filler, List<string> On, List<string> Off);

    private sealed record ScheduleJson(Dictionary<string, int>? Ordinals, Dictionary<string, string>? Weekdays, List<string>? Every, List<string>? Other,
        List<string>? Weeks, List<string>? Month, List<string>? From, List<string>? TimeSuffixes, List<string>? Filler)
    {
        public ScheduleWords ToWords(string file) => new(
            (Ordinals ?? []).ToFrozenDictionary(p => p.Key.ToLowerInvariant(), p => (p.Value is >= 1 and <= 4 || p.Value == -1)
                ? p.Value : throw new InvalidOperationException($"'{file}': schedule ordinal '{p.Key}' must be 1-4 or -1 (last).")),
            (Weekdays ?? []).ToFrozenDictionary(p => p.Key.ToLowerInvariant(), p => Enum.TryParse<DayOfWeek>(p.Value, ignoreCase: true, out var day)
                ? day : throw new InvalidOperationException($"'{file}': schedule weekday '{p.Key}' names no day ('{p.Value}').")),
            Set(Every), Set(Other), Set(Weeks), Set(Month), Set(From), Set(TimeSuffixes), Set(Filler));

        private static FrozenSet<string> Set(List<string>? words) => (words ?? []).Select(w => w.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
    }

    private static Loaded Load()
    {
        var assembly = typeof(IntentCatalog).Assembly;
        var json = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        var phrasings = new Dictionary<Language, IReadOnlyDictionary<string, IntentPhrasing>>();
        var words = new Dictionary<Language, LanguageWords>();
        var commit = new List<CommitWordsJson>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("intents/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = name["intents/".Length..];
            var kind = file[..file.IndexOf('.')];
            var language = Language.Of(file[(kind.Length + 1)..^".json".Length]);
            using var stream = assembly.GetManifestResourceStream(name)!;
            if (kind == "intents")
            {
                var table = JsonSerializer.Deserialize<Dictionary<string, PhrasingJson>>(stream, json) ?? [];
                phrasings[language] = table.ToFrozenDictionary(p => p.Key, p => new IntentPhrasing(p.Value.Commands, p.Value.Usage, p.Value.Examples), StringComparer.Ordinal);
            }
            else
            {
                var w = JsonSerializer.Deserialize<WordsJson>(stream, json) ?? throw new InvalidOperationException($"'{name}' is empty.");
                commit.Add(w.Commit ?? throw new InvalidOperationException($"'{name}' has no commit words."));
                var alliance = (w.Alliance ?? throw new InvalidOperationException($"'{name}' has no alliance words.")).Checked(name);
                words[language] = new LanguageWords(
                    w.Numbers.ToFrozenDictionary(p => TextNormalizer.Normalize(p.Key), p => p.Value, StringComparer.Ordinal),
                    w.Languages.ToFrozenDictionary(p => TextNormalizer.Normalize(p.Key), p => p.Value, StringComparer.Ordinal),
                    w.StopWords.Select(TextNormalizer.Normalize).ToFrozenSet(StringComparer.Ordinal),
                    w.None.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
                    w.Default.ToFrozenSet(StringComparer.OrdinalIgnoreCase))
                {
                    Schedule = w.Schedule?.ToWords(name) ?? ScheduleWords.None,
                    Alliance = new AllianceWords(Lower(alliance.As!), Lower(alliance.With!), Lower(alliance.TimeZone!), Lower(alliance.Language!), Lower(alliance.And!)),
                };
            }
        }

        var languages = phrasings.Keys.OrderBy(l => l == Language.Fallback ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal).ToList();
        var names = new Dictionary<string, Language>(StringComparer.Ordinal);
        foreach (var language in languages)
        {
            names[language.Code] = language;
        }

        foreach (var (_, w) in words)
        {
            foreach (var (word, code) in w.LanguageNames)
            {
                names.TryAdd(word, Language.Of(code));
            }
        }

        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, w) in words)
        {
            foreach (var (word, value) in w.Numbers)
            {
                numbers.TryAdd(word, value);
            }
        }

        return new Loaded(languages, phrasings.ToFrozenDictionary(), words.ToFrozenDictionary(), names.ToFrozenDictionary(StringComparer.Ordinal),
            numbers.ToFrozenDictionary(StringComparer.Ordinal), words.Values.SelectMany(w => w.StopWords).ToFrozenSet(StringComparer.Ordinal),
            new CommitWords(Normal(commit.SelectMany(c => c.Owner)), Normal(commit.SelectMany(c => c.Due)), Normal(commit.SelectMany(c => c.Round)),
                Normal(commit.SelectMany(c => c.Filler)), Normal(commit.SelectMany(c => c.On)), Normal(commit.SelectMany(c => c.Off))),
            new AllianceWords(Lower(words.Values.SelectMany(w => w.Alliance.As)), Lower(words.Values.SelectMany(w => w.Alliance.With)),
                Lower(words.Values.SelectMany(w => w.Alliance.TimeZone)), Lower(words.Values.SelectMany(w => w.Alliance.Language)),
                Lower(words.Values.SelectMany(w => w.Alliance.And))));
    }

    private static FrozenSet<string> Lower(IEnumerable<string> words) => words.Select(w => w.Trim().ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);

    private static FrozenSet<string> Normal(IEnumerable<string> words) => words.Select(TextNormalizer.Normalize).ToFrozenSet(StringComparer.Ordinal);
}
