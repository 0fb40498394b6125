using AllianceBot.Data.Members;

namespace AllianceBot.Data.Storage;

/// <summary>Input checks shared by the use cases; they run before any SQL so bad input never reaches the database.</summary>
internal static class Guard
{
    public const int NameLength = 100;
    public const int IdentityPartLength = 256;
    public const int TenantLength = 100;
    public const int ChannelLength = 16;
    public const int LocaleLength = 35;
    public const int TimeZoneLength = 64;
    public const int ReasonLength = 500;
    public const int KeyLength = 200;
    public const int ItemIdLength = 64;
    public const int CommentLength = 4000;

    public static string Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw StorageException.Invalid($"{field} must not be empty.");
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw StorageException.Invalid($"{field} is {trimmed.Length} characters; at most {maxLength} are allowed.");
    }

    public static string? OptionalText(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, maxLength);

    public static int Range(int value, string field, int min, int max) =>
        value >= min && value <= max ? value : throw StorageException.Invalid($"{field} must be between {min} and {max}; got {value}.");

    public static Guid Id(Guid value, string field) =>
        value != Guid.Empty ? value : throw StorageException.Invalid($"{field} must be set.");

    public static MemberIdentity Identity(MemberIdentity? identity)
    {
        if (identity is null)
        {
            throw StorageException.Invalid("A member identity is required.");
        }

        // Which channels exist is the channel adapters' business (Bot/); storage only checks the name is one.
        var channel = Text(identity.Channel, "Channel", ChannelLength);
        if (!IsChannelName(channel))
        {
            throw StorageException.Invalid($"Channel '{channel}' is not a channel name (a lower-case letter, then lower-case letters, digits or '-').");
        }

        return new MemberIdentity(channel, Text(identity.TenantId, "Tenant id", TenantLength), Text(identity.UserId, "User id", IdentityPartLength));
    }

    /// <summary>A channel name as adapters declare them ("msteams", "slack"): ASCII lower-case letters, digits and '-', starting with a letter.</summary>
    public static bool IsChannelName(string value) =>
        value.Length is > 0 and <= ChannelLength && char.IsAsciiLetterLower(value[0])
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static string TimeZone(string? value, string fallback)
    {
        var zone = OptionalText(value, "Time zone", TimeZoneLength) ?? fallback;
        return TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) ? zone : throw StorageException.Invalid($"Time zone '{zone}' is not known.");
    }
}
