using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Links;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Bot.Tests.Charts;

public sealed class ChartUrlSignerTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";


    [Fact]
    public void ASignatureHasExactlyOneValidSpelling()
    {
        // Base64's last character carries unused bits; a decoder would accept several spellings of the same bytes.
        var now = DateTimeOffset.Parse("2026-03-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var signer = new ChartUrlSigner(new SignedLinks(Options.Create(new LinkOptions { SigningKey = "signer-test-key-0123456789-0123456789-0123" }), new FakeTimeProvider(now)));
        var exp = now.AddDays(7).ToUnixTimeSeconds();
        foreach (var alliance in Enumerable.Range(0, 20).Select(i => $"alliance-{i}"))
        {
            var key = new ChartKey(alliance, "round-1", ChartKind.Nav, Language.En);
            var signature = signer.Sign(key, exp);
            Assert.Equal(LinkCheck.Valid, signer.Verify(key, exp, signature));
            foreach (var other in Alphabet.Where(c => c != signature[^1]))
            {
                Assert.Equal(LinkCheck.Invalid, signer.Verify(key, exp, signature[..^1] + other));
            }

            Assert.Equal(LinkCheck.Invalid, signer.Verify(key, exp, signature + "="));
        }
    }
}
