namespace AllianceBot.Data.Members;

public enum MemberRole
{
    Member,
    Manager,
}

internal static class MemberRoles
{
    public static string Text(this MemberRole role) => role == MemberRole.Manager ? "manager" : "member";
}
