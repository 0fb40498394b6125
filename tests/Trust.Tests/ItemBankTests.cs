using System.Text.Json.Nodes;

namespace AllianceBot.Trust.Tests;

public class ItemBankTests
{
    private static readonly string ShippedJson = ReadShipped();

    [Fact]
    public void ShippedBankHasAtLeastSixItemsPerDimensionAndOneAnchorEach()
    {
        var bank = ItemBank.Default;
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            Assert.True(bank.Items.Count(i => i.Dimension == dimension) >= 6);
            Assert.Single(bank.Items, i => i.IsAnchor && i.Dimension == dimension);
        }
    }

    [Fact]
    public void ShippedBankCoversEveryFacetWithFacetsInTheirOwnDimension()
    {
        var bank = ItemBank.Default;
        Assert.Equal(Enum.GetValues<Facet>().ToHashSet(), bank.Items.Select(i => i.Facet).ToHashSet());
        Assert.All(bank.Items, i => Assert.Equal(i.Dimension, i.Facet.DimensionOf()));
        Assert.All(bank.Items, i => Assert.NotEqual(i.Text.In(Language.En), i.Text.In(Language.Nl)));
    }

    [Fact]
    public void ScaleLabelsExistInBothLanguages()
    {
        Assert.Equal("Agree", ItemBank.Default.ScaleLabel(4, Language.En));
        Assert.Equal("Helemaal oneens", ItemBank.Default.ScaleLabel(1, Language.Nl));
        Assert.Throws<ArgumentOutOfRangeException>(() => ItemBank.Default.ScaleLabel(6, Language.En));
    }

    [Fact]
    public void DuplicateIdIsRefused() =>
        AssertProblem(root => Items(root).Add(Items(root)[1]!.DeepClone()), "Item id 'calc.agreements.dispute' is used 2 times");

    [Fact]
    public void MissingDutchTextIsRefused() =>
        AssertProblem(root => Items(root)[2]!.AsObject().Remove("nl"), "Item 'calc.competence.deliver': 'nl' (the 'nl' text) is missing.");

    [Fact]
    public void MissingEnglishTextIsRefused() =>
        AssertProblem(root => Items(root)[2]!["en"] = " ", "Item 'calc.competence.deliver': 'en' (the 'en' text) is missing.");

    [Fact]
    public void MissingTextInAnySupportedLanguageIsRefused()
    {
        foreach (var language in Languages.Supported)
        {
            AssertProblem(root => Items(root)[2]!.AsObject().Remove(language.Code),
                $"Item 'calc.competence.deliver': '{language.Code}' (the '{language.Code}' text) is missing.");
        }
    }

    [Fact]
    public void MissingScaleTranslationIsRefused() =>
        AssertProblem(root => root["scale"]![3]!.AsObject().Remove("nl"), "scale label 4: 'nl' (the 'nl' text) is missing.");

    [Fact]
    public void TheDontKnowLabelIsRequiredInEveryLanguage()
    {
        AssertProblem(root => root.AsObject().Remove("dontKnow"), "The bank needs a 'dontKnow' label");
        AssertProblem(root => root["dontKnow"]!.AsObject().Remove("nl"), "the 'dontKnow' label: 'nl' (the 'nl' text) is missing.");
        Assert.Equal("Weet ik niet / niet van toepassing", ItemBank.Default.DontKnow.In(Language.Nl));
        Assert.Equal("Weiß ich nicht / trifft nicht zu", ItemBank.Default.DontKnow.In(Language.De));
    }

    [Fact]
    public void WrongScaleLengthIsRefused() =>
        AssertProblem(root => root["scale"]!.AsArray().RemoveAt(4), "The scale needs exactly 5 labels (1–5), found 4.");

    [Fact]
    public void NoAnchorIsRefused() =>
        AssertProblem(root => Items(root)[10]!.AsObject().Remove("anchor"), "The relational dimension has no anchor item");

    [Fact]
    public void TwoAnchorsAreRefused() =>
        AssertProblem(root => Items(root)[3]!["anchor"] = true, "The calculative dimension has 2 anchor items (calc.agreements.safeguarded, calc.competence.record)");

    [Fact]
    public void UnknownFacetIsRefused() =>
        AssertProblem(root => Items(root)[4]!["facet"] = "vibes", "Item 'calc.economics.worth': facet 'vibes' is not one of");

    [Fact]
    public void FacetOfTheOtherDimensionIsRefused() =>
        AssertProblem(root => Items(root)[4]!["facet"] = "bond", "Item 'calc.economics.worth': facet 'bond' belongs to the relational dimension, not calculative.");

    [Fact]
    public void UnknownDimensionIsRefused() =>
        AssertProblem(root => Items(root)[4]!["dimension"] = "emotional", "dimension 'emotional' must be 'calculative' or 'relational'");

    [Fact]
    public void TooFewItemsAreRefused() =>
        AssertProblem(root => { for (var i = 9; i >= 5; i--) Items(root).RemoveAt(i); }, "The calculative dimension has 5 items; at least 6 are needed.");

    [Fact]
    public void MissingIdIsRefused() =>
        AssertProblem(root => Items(root)[0]!.AsObject().Remove("id"), "Item #1 has no id.");

    [Fact]
    public void InvalidJsonIsRefusedWithAClearMessage()
    {
        var error = Assert.Throws<ItemBankException>(() => ItemBank.FromJson("{ not json"));
        Assert.StartsWith("The item bank is not valid JSON", error.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemIsListedAtOnce()
    {
        var root = JsonNode.Parse(ShippedJson)!;
        Items(root)[2]!.AsObject().Remove("nl");
        Items(root)[10]!.AsObject().Remove("anchor");
        var error = Assert.Throws<ItemBankException>(() => ItemBank.FromJson(root.ToJsonString()));
        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void ShippedJsonRoundTripsThroughFromJson() =>
        Assert.Equal(ItemBank.Default.Items, ItemBank.FromJson(ShippedJson).Items);

    private static void AssertProblem(Action<JsonNode> breakIt, string expected)
    {
        var root = JsonNode.Parse(ShippedJson)!;
        breakIt(root);
        var error = Assert.Throws<ItemBankException>(() => ItemBank.FromJson(root.ToJsonString()));
        Assert.Contains(error.Problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static JsonArray Items(JsonNode root) => root["items"]!.AsArray();

    private static string ReadShipped()
    {
        using var stream = typeof(ItemBank).Assembly.GetManifestResourceStream("AllianceBot.Trust.items.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    [Theory]
    [InlineData("calc.agreements.escalation", "wat ons te doen staat", "wat we doen als")]
    [InlineData("rel.bond.personal", "contactpersonen", "tegenhangers")]
    [InlineData("rel.openness.knowledge", "strikt vereist", "strikt nodig")]
    public void DutchItemsSayWhatTheEnglishSays(string id, string present, string absent)
    {
        Assert.Contains(present, ItemBank.Default[id].Text.In(Language.Nl), StringComparison.Ordinal);
        Assert.DoesNotContain(absent, ItemBank.Default[id].Text.In(Language.Nl), StringComparison.Ordinal);
    }

    [Fact]
    public void EnglishItemsMatchTheirDutch()
    {
        Assert.Contains("knowledge and skills", ItemBank.Default["calc.competence.deliver"].Text.In(Language.En), StringComparison.Ordinal);
        Assert.Contains("even when", ItemBank.Default["rel.promises.effort"].Text.In(Language.En), StringComparison.Ordinal);
    }

    // The ids asked before issue 13 (main at 5a03dc4). Ids are stored with every answer: none may vanish or be renamed.
    private static readonly string[] IdsBeforeIssue13 =
    [
        "calc.agreements.anchor", "calc.agreements.escalation", "calc.competence.deliver", "calc.competence.record",
        "calc.economics.worth", "calc.economics.split", "calc.transparency.figures", "calc.transparency.checkable",
        "rel.intentions.anchor", "rel.intentions.advantage", "rel.promises.kept", "rel.promises.effort",
        "rel.openness.problems", "rel.openness.knowledge", "rel.bond.personal", "rel.bond.loyalty",
    ];

    [Fact]
    public void EveryEarlierIdStillResolvesWithItsOriginalDimensionAndFacet()
    {
        foreach (var id in IdsBeforeIssue13)
        {
            var item = ItemBank.Default.Find(id);
            Assert.NotNull(item);
            Assert.StartsWith(item.Dimension == Dimension.Calculative ? "calc." : "rel.", id, StringComparison.Ordinal);
            Assert.Equal(id.Split('.')[1], item.Facet.Key());
        }
    }

    [Theory]
    [InlineData("calc.agreements.anchor", "calc.agreements.safeguarded")]
    [InlineData("calc.agreements.escalation", "calc.agreements.dispute")]
    [InlineData("calc.economics.split", "calc.economics.costs,calc.economics.revenue")]
    [InlineData("calc.transparency.figures", "calc.transparency.numbers,calc.transparency.plans")]
    [InlineData("rel.openness.problems", "rel.openness.speakup")]
    [InlineData("rel.bond.loyalty", "rel.bond.partnerloyalty")]
    public void DoubleBarrelledAndOldAnchorItemsAreRetiredAndReplacedByNewIds(string retired, string successors)
    {
        var bank = ItemBank.Default;
        var old = bank[retired];
        Assert.True(old.IsRetired);
        Assert.DoesNotContain(old, bank.Items);
        Assert.Contains(old, bank.Retired);
        Assert.Equal(successors.Split(','), old.ReplacedBy);
        foreach (var id in old.ReplacedBy)
        {
            var successor = bank[id];
            Assert.False(successor.IsRetired);
            Assert.Contains(successor, bank.Items);
            Assert.Equal(old.Facet, successor.Facet);
            Assert.DoesNotContain(id, IdsBeforeIssue13);
        }
    }

    [Fact]
    public void TheCalculativeAnchorAsksAboutProtectedInterestsNotAboutClarity()
    {
        var bank = ItemBank.Default;
        var anchor = bank.Anchor(Dimension.Calculative);
        Assert.Equal("calc.agreements.safeguarded", anchor.Id);
        Assert.Contains("protect our company's interests", anchor.Text.In(Language.En), StringComparison.Ordinal);
        Assert.Contains("beschermen de belangen van ons bedrijf", anchor.Text.In(Language.Nl), StringComparison.Ordinal);
        Assert.Equal(["calc.agreements.anchor"], bank.RetiredAnchors(Dimension.Calculative).Select(i => i.Id));
        Assert.Empty(bank.RetiredAnchors(Dimension.Relational));
        Assert.Equal("rel.intentions.anchor", bank.Anchor(Dimension.Relational).Id);
    }

    [Fact]
    public void RetiredItemsAreNeverAsked()
    {
        var bank = ItemBank.Default;
        var full = RoundComposer.Compose(bank, new RoundRequest(3, 0, [], Full: true), new RoundOptions());
        Assert.DoesNotContain(full.Items, i => i.IsRetired);
        Assert.Equal(bank.Items.Count, full.Items.Count);
        Assert.DoesNotContain(bank.Rotating, i => i.IsRetired);
        for (var round = 0; round < 12; round++)
            Assert.DoesNotContain(RoundComposer.Compose(bank, new RoundRequest(7, round, [], Full: false), new RoundOptions()).Items, i => i.IsRetired);
    }

    [Fact]
    public void AReplacementThatIsNotInTheBankIsRefused() =>
        AssertProblem(root => Items(root)[18]!["replacedBy"] = new JsonArray("calc.agreements.nowhere"),
            "Item 'calc.agreements.anchor' is replaced by 'calc.agreements.nowhere', which is not in the bank.");

    [Fact]
    public void AnItemNamingReplacementsMustBeRetired() =>
        AssertProblem(root => Items(root)[19]!.AsObject().Remove("retired"), "Item 'calc.agreements.escalation' names replacements but is not retired.");

    [Fact]
    public void ARetiredAnchorDoesNotCountAsTheDimensionsAnchor() =>
        AssertProblem(root => Items(root)[0]!["retired"] = true, "The calculative dimension has no anchor item");
}
