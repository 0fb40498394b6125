using AllianceBot.Bot.Charts;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Tests.Charts;

public sealed class ChartUrlSignerTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly ChartUrlSigner Signer = new(Options.Create(new ChartOptions { SigningKey = "signer-test-key-0123456789-0123456789-0123" }));

    [Fact]
    public void ASignatureHasExactlyOneValidSpelling()
    {
        // Base64's last character carries unused bits; a decoder would accept several spellings of the same bytes.
        var now = DateTimeOffset.Parse("2026-03-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var exp = now.AddDays(7).ToUnixTimeSeconds();
        foreach (var alliance in Enumerable.Range(0, 20).Select(i => $"alliance-{i}"))
        {
            var key = new ChartKey(alliance, "round-1", ChartKind.Nav, Language.En);
            var signature = Signer.Sign(key, exp);
            Assert.Equal(ChartSignatureCheck.Valid, Signer.Verify(key, exp, signature, now));
            foreach (var other in Alphabet.Where(c => c != signature[^1]))
            {
                Assert.Equal(ChartSignatureCheck.Invalid, Signer.Verify(key, exp, signature[..^1] + other, now));
            }

            Assert.Equal(ChartSignatureCheck.Invalid, Signer.Verify(key, exp, signature + "=", now));
        }
    }
}
