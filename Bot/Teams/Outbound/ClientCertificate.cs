using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AllianceBot.Bot.Teams.Outbound;

/// <summary>
/// Loads the bot's client certificate (<c>Teams:ClientCertificatePath</c>): a PEM file with the certificate and its
/// private key (the key optionally encrypted with <c>Teams:ClientCertificatePassword</c>), or a PFX/PKCS#12 file — raw, or
/// base64 text as a Key Vault certificate's secret is when mounted as a file.
/// </summary>
internal static class ClientCertificate
{
    public static X509Certificate2 Load(string path, string? password)
    {
        var bytes = File.ReadAllBytes(path);
        var text = TryAscii(bytes);
        X509Certificate2 certificate;
        if (text is not null && text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            certificate = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPem(text, text)
                : X509Certificate2.CreateFromEncryptedPem(text, text, password);
        }
        else
        {
            var pkcs12 = text is not null && TryBase64(text) is { } decoded ? decoded : bytes;
            certificate = X509CertificateLoader.LoadPkcs12(pkcs12, string.IsNullOrEmpty(password) ? null : password);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException("the certificate has no private key");
        }

        return certificate;
    }

    private static string? TryAscii(byte[] bytes) => bytes.All(b => b is 9 or 10 or 13 || (b >= 32 && b < 127)) ? Encoding.ASCII.GetString(bytes) : null;

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
