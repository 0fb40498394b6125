using System.Security.Cryptography;
using System.Text;
using AllianceBot.Data.Members;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>
/// Confirmation buttons carry a fingerprint of the person they were shown to, so a forwarded card clicked by someone
/// else does nothing (on top of the scope check, which only ever acts on the clicker's own membership).
/// </summary>
public static class CardGuard
{
    public const string ForKey = "for";

    public static string Fingerprint(MemberIdentity identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"card-owner\n{identity.Channel}\n{identity.TenantId}\n{identity.UserId}")))[..16];

    public static bool IsFor(MemberIdentity identity, string? fingerprint) =>
        fingerprint is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Fingerprint(identity)), Encoding.ASCII.GetBytes(fingerprint));
}
