using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Alliances;

/// <summary>The cast of the cross-company transcripts: Acme in Teams tenant A, Globex in tenant B, Initech on Slack.</summary>
public static class People
{
    /// <summary>Acme (tenant A), English: creates the alliance.</summary>
    public static TranscriptUser Anna => TranscriptUser.Anna;

    /// <summary>Acme (tenant A), English: a colleague of Anna.</summary>
    public static TranscriptUser Dirk { get; } = new(new MemberIdentity(MemberIdentity.Teams, "tenant-a", "29:dirk"), "Dirk Jansen", "en-GB", ConversationKind.Personal, "a:dirk-1on1");

    /// <summary>Acme (tenant A): a second Dirk, for ambiguous names.</summary>
    public static TranscriptUser Dirk2 { get; } = new(new MemberIdentity(MemberIdentity.Teams, "tenant-a", "29:dirk2"), "Dirk de Boer", "en-GB", ConversationKind.Personal, "a:dirk2-1on1");

    /// <summary>Globex (tenant B), Dutch.</summary>
    public static TranscriptUser Bram => TranscriptUser.Bram;

    /// <summary>Globex (tenant B), Dutch: Bram's colleague.</summary>
    public static TranscriptUser Eva { get; } = new(new MemberIdentity(MemberIdentity.Teams, "tenant-b", "29:eva"), "Eva Bakker", "nl-NL", ConversationKind.Personal, "a:eva-1on1");

    /// <summary>Initech on Slack.</summary>
    public static TranscriptUser Chris => TranscriptUser.Chris;

    /// <summary>Someone with no alliance at all.</summary>
    public static TranscriptUser Olga { get; } = new(new MemberIdentity(MemberIdentity.Teams, "tenant-x", "29:olga"), "Olga Outsider", "en-US", ConversationKind.Personal, "a:olga-1on1");

    public static string CodeOf(CardView card) => Assert.IsType<Heading>(card.Body[0]).Text;

    public static string Texts(CardView card) => string.Join("\n", card.Body.SelectMany(Lines));

    private static IEnumerable<string> Lines(Block block) => block switch
    {
        Heading h => [h.Text],
        Paragraph p => [p.Text],
        FactList f => f.Facts.Select(x => $"{x.Label}: {x.Value}"),
        BulletList b => b.Items.Prepend(b.Title ?? ""),
        TableBlock t => t.Rows.Select(r => string.Join(" | ", r)).Prepend(string.Join(" | ", t.Header)),
        _ => [],
    };
}
