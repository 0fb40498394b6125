using System.Security.Cryptography;
using System.Text;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Rooms;

/// <summary>Who a linked group chat or channel is for: every member of the alliance, or its managers only.</summary>
public enum RoomAudience
{
    Members,
    Managers,
}

/// <summary>
/// A group chat or channel (a "room") a manager linked to an alliance on purpose. Channel and tenant as in
/// <see cref="Members.MemberIdentity"/>; RoomId is the conversation without a Teams thread suffix, or the Slack channel id.
/// </summary>
public sealed record RoomLink(string Channel, string TenantId, string RoomId, Guid AllianceId, RoomAudience Audience, DateTimeOffset LinkedAt);

public static class RoomLinksUseCase
{
    /// <summary>Links the room, replacing an earlier link of the same room (a room belongs to one alliance).</summary>
    public static Task LinkRoomAsync(this Database database, RoomLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var row = new
        {
            RoomKey = Key(link.Channel, link.TenantId, link.RoomId),
            Channel = Guard.Text(link.Channel, "Channel", Guard.ChannelLength),
            TenantId = Guard.Text(link.TenantId, "Tenant id", Guard.TenantLength),
            RoomId = Guard.Text(link.RoomId, "Room id", 4000),
            AllianceId = Guard.Id(link.AllianceId, "Alliance id"),
            Audience = link.Audience == RoomAudience.Managers ? "managers" : "members",
            link.LinkedAt,
        };
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecAsync("DELETE FROM room_links WHERE room_key = @RoomKey", row, transaction, cancellationToken);
            return await connection.ExecAsync("""
                INSERT INTO room_links (room_key, channel, tenant_id, room_id, alliance_id, audience, linked_at)
                VALUES (@RoomKey, @Channel, @TenantId, @RoomId, @AllianceId, @Audience, @LinkedAt)
                """, row, transaction, cancellationToken);
        }, cancellationToken);
    }

    public static Task<RoomLink?> FindRoomLinkAsync(this Database database, string channel, string tenantId, string roomId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var row = await connection.OneOrDefaultAsync<LinkRow>(
                "SELECT channel, tenant_id, room_id, alliance_id, audience, linked_at FROM room_links WHERE room_key = @key",
                new { key = Key(channel, tenantId, roomId) }, null, cancellationToken);
            return row is null ? null : new RoomLink(row.Channel, row.TenantId, row.RoomId, row.AllianceId,
                string.Equals(row.Audience, "managers", StringComparison.Ordinal) ? RoomAudience.Managers : RoomAudience.Members, row.LinkedAt);
        }, cancellationToken);

    /// <summary>Removes the room's link; false when it had none.</summary>
    public static Task<bool> UnlinkRoomAsync(this Database database, string channel, string tenantId, string roomId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => await connection.ExecAsync(
            "DELETE FROM room_links WHERE room_key = @key", new { key = Key(channel, tenantId, roomId) }, null, cancellationToken) > 0, cancellationToken);

    /// <summary>Room ids have no length limit (Teams channel threads, meetings); the key is a hash of the three parts.</summary>
    private static string Key(string channel, string tenantId, string roomId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', channel, tenantId, roomId))));

    private sealed class LinkRow
    {
        public string Channel { get; set; } = "";
        public string TenantId { get; set; } = "";
        public string RoomId { get; set; } = "";
        public Guid AllianceId { get; set; }
        public string Audience { get; set; } = "";
        public DateTimeOffset LinkedAt { get; set; }
    }
}
