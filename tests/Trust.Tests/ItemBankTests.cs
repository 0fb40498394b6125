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
        AssertProblem(root => Items(root).Add(Items(root)[1]!.DeepClone()), "Item id 'calc.agreements.escalation' is used 2 times");

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
    public void WrongScaleLengthIsRefused() =>
        AssertProblem(root => root["scale"]!.AsArray().RemoveAt(4), "The scale needs exactly 5 labels (1–5), found 4.");

    [Fact]
    public void NoAnchorIsRefused() =>
        AssertProblem(root => Items(root)[8]!.AsObject().Remove("anchor"), "The relational dimension has no anchor item");

    [Fact]
    public void TwoAnchorsAreRefused() =>
        AssertProblem(root => Items(root)[3]!["anchor"] = true, "The calculative dimension has 2 anchor items (calc.agreements.anchor, calc.competence.record)");

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
        AssertProblem(root => { Items(root).RemoveAt(7); Items(root).RemoveAt(6); Items(root).RemoveAt(5); }, "The calculative dimension has 5 items; at least 6 are needed.");

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
        Items(root)[8]!.AsObject().Remove("anchor");
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
}
