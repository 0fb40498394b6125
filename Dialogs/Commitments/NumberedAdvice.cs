using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Commitments;

/// <summary>An advice line with the number it carries on the health and advice cards ("commit 2").</summary>
public sealed record NumberedAdviceLine(int Number, AdviceLine Line);

/// <summary>
/// The one numbering of a health report's advice: the do's (at most <see cref="MaxDos"/>) then the don'ts (at most
/// <see cref="MaxDonts"/>), numbered 1, 2, … across both. The "where are we?" and "what moves us right?" cards show the
/// same items under the same numbers, and "commit N" resolves N against this list, so a number means one item.
/// </summary>
public static class NumberedAdvice
{
    public const int MaxDos = 4;
    public const int MaxDonts = 3;

    public static IReadOnlyList<NumberedAdviceLine> Of(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        // The findings' advice comes first (the catalogue orders it so); the phase's "move right" lines are already
        // among them, so both cards list the same items.
        var lines = report.Advice.Concat(report.MoveRight).DistinctBy(a => a.Id, StringComparer.Ordinal).ToList();
        var ordered = lines.Where(a => a.Kind == AdviceKind.Do).Take(MaxDos)
            .Concat(lines.Where(a => a.Kind == AdviceKind.Dont).Take(MaxDonts));
        return [.. ordered.Select((line, index) => new NumberedAdviceLine(index + 1, line))];
    }
}
