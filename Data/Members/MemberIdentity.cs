namespace AllianceBot.Data.Members;

/// <summary>
/// A person as a channel knows them: (msteams, AAD tenant id, 29:... user id) or (slack, team id, U... user id).
/// One alliance can hold identities from several Teams tenants and Slack workspaces.
/// </summary>
public sealed record MemberIdentity(string Channel, string TenantId, string UserId)
{
    public const string Teams = "msteams";
    public const string Slack = "slack";

    public override string ToString() => $"{Channel}/{TenantId}/{UserId}";
}
