using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Teams.Cards;

/// <summary>
/// Makes a card smaller, step by step, when it would not fit a Teams message (<see cref="MessageSize"/>): lists
/// (bullets, table rows, facts) keep their first entries and say how many more there are ("… +1480"), long texts are
/// clipped, and a body with very many blocks keeps its first ones. Inputs and actions are never dropped, so a card
/// still does what it is for. The last level keeps only the title, the summary, the inputs and the actions.
/// A card that was trimmed is still true, only shorter: it never invents or reorders content.
/// </summary>
public static class CardTrimmer
{
    private static readonly int[] ListCaps = [int.MaxValue, 100, 50, 25, 12, 6, 3];
    private static readonly int[] TextCaps = [int.MaxValue, 2000, 1000, 500, 300, 200, 120];
    private static readonly int[] BlockCaps = [int.MaxValue, 80, 50, 30, 20, 12, 8];

    /// <summary>The highest level; <see cref="Trim"/> at this level gives the smallest card.</summary>
    public static int MaxLevel => ListCaps.Length;

    public static CardView Trim(CardView view, int level)
    {
        if (level <= 0)
        {
            return view;
        }

        if (level >= MaxLevel)
        {
            return view with { Body = [new Paragraph(Clip(view.Summary, 500)), .. view.Body.Where(IsInput)] };
        }

        int list = ListCaps[level], text = TextCaps[level], blocks = BlockCaps[level];
        var body = new List<Block>();
        var dropped = 0;
        foreach (var block in view.Body)
        {
            if (!IsInput(block) && body.Count(b => !IsInput(b)) >= blocks)
            {
                dropped++;
                continue;
            }

            body.Add(Shrink(block, list, text));
        }

        if (dropped > 0)
        {
            body.Add(new Paragraph(More(dropped), Tone.Subtle));
        }

        return view with { Title = Clip(view.Title, text), Body = body };
    }

    private static Block Shrink(Block block, int list, int text) => block switch
    {
        Paragraph p => p with { Text = Clip(p.Text, text) },
        Heading h => h with { Text = Clip(h.Text, text) },
        BulletList b => b with
        {
            Items = Cap(b.Items.Select(i => Clip(i, text)).ToList(), list, More),
            ItemActions = KeepFirst(b.ItemActions, b.Items.Count, list),
            SecondActions = KeepFirst(b.SecondActions, b.Items.Count, list),
        },
        FactList f => f with { Facts = Cap(f.Facts.Select(x => new Fact(Clip(x.Label, text), Clip(x.Value, text))).ToList(), list, n => new Fact("…", $"+{n}")) },
        TableBlock t => t with
        {
            Rows = Cap(
                t.Rows.Select(r => (IReadOnlyList<string>)r.Select(c => Clip(c, text)).ToList()).ToList(),
                list,
                n => (IReadOnlyList<string>)[More(n), .. Enumerable.Repeat("", Math.Max(0, t.Header.Count - 1))]),
        },
        _ => block,
    };

    /// <summary>The buttons of the items a capped list keeps (the "… +n" line has none).</summary>
    private static IReadOnlyList<SubmitAction?>? KeepFirst(IReadOnlyList<SubmitAction?>? actions, int items, int cap) =>
        actions is null || items <= cap ? actions : [.. actions.Take(cap)];

    private static bool IsInput(Block block) => block is ChoiceInput or TextInput;

    private static List<T> Cap<T>(List<T> items, int cap, Func<int, T> more) =>
        items.Count <= cap ? items : [.. items.Take(cap), more(items.Count - cap)];

    private static string More(int count) => $"… +{count}";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
