using System.Security.Cryptography;
using System.Text;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

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

    /// <summary>
    /// The precheck of a confirmation button's route (<see cref="Access.Precheck"/>): a click by anyone but the person
    /// the card was shown to is answered before authorization, and nothing happens.
    /// </summary>
    public static Task<TurnResult?> MeantForClicker(DialogContext context) =>
        Task.FromResult(IsFor(context.Identity, context.Value(ForKey)) ? null : NotYours(context));

    /// <summary>"That button was meant for someone else" — nothing was done.</summary>
    public static TurnResult NotYours(DialogContext context) => TurnResult.Reply(new MessageView(context.Texts["alliance.confirm.notyours"]));
}
