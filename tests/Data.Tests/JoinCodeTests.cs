using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using AllianceBot.Data.Audit;
using AllianceBot.Data.JoinCodes;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using Dapper;

namespace AllianceBot.Data.Tests;

public class JoinCodeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACodeIsStoredOnlyAsItsKeyedHashAndRedeemsHowEverItIsTyped(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();

        var issued = await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, new NewJoinCode(world.Id, world.Partner(1).Id, MemberRole.Member, Seed.Now.AddDays(14), world.Creator.Id), Seed.Now, None);
        var typed = " " + issued.Code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() + " ";
        var redeemed = await test.Database.RedeemJoinCodeAsync(Seed.JoinCodes, typed, Seed.Now.AddDays(1), None);

        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", issued.Code);
        Assert.Equal(new JoinCodeRedemption(JoinCodeStatus.Valid, issued.Id, world.Id, world.Partner(1).Id, MemberRole.Member), redeemed);
        var cells = await test.AllCellsAsync();
        Assert.DoesNotContain(cells, c => c.Value.Contains(JoinCodeHasher.Normalize(issued.Code), StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cells, c => c.Table == "join_codes" && c.Value == Seed.JoinCodes.Hash(issued.Code));
    }

    /// <summary>
    /// Finding 6 of issue 12: the code space (31^10, about 49 bits) could be searched offline against a leaked unsalted
    /// SHA-256. Nothing in the database may equal the plain hash of a code; a different key gives a different hash,
    /// and the key is not in the database.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ALeakedDatabaseHoldsNoUnkeyedHashOfACode(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();
        var issued = await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, new NewJoinCode(world.Id, world.Partner(0).Id, MemberRole.Manager, Seed.Now.AddDays(14), world.Creator.Id), Seed.Now, None);
        var normalized = JoinCodeHasher.Normalize(issued.Code);
        var plain = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        var otherKey = new JoinCodeHasher("another-deployment-key-0123456789-0123456789");

        var cells = await test.AllCellsAsync();

        Assert.DoesNotContain(cells, c => c.Value.Contains(plain, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(cells, c => c.Value.Contains(otherKey.Hash(issued.Code), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(JoinCodeStatus.Unknown, (await test.Database.RedeemJoinCodeAsync(otherKey, issued.Code, Seed.Now, None)).Status);
        Assert.Equal(JoinCodeStatus.Valid, (await test.Database.RedeemJoinCodeAsync(Seed.JoinCodes, issued.Code, Seed.Now, None)).Status);
    }

    [Fact]
    public void TheKeyedHashComparesWhatWasTypedAndRefusesShortKeys()
    {
        var hash = Seed.JoinCodes.Hash("ABCDE-FGHJK");

        Assert.True(Seed.JoinCodes.Matches(" abcde fghjk", hash));
        Assert.False(Seed.JoinCodes.Matches("ABCDE-FGHJM", hash));
        Assert.False(Seed.JoinCodes.Matches("ABCDE-FGHJK", hash[..^1]));
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Throws<ArgumentException>(() => new JoinCodeHasher(new string('k', JoinCodeHasher.MinKeyLength - 1)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpenCodesAreListedWithoutRevokedOrExpiredOnes(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();
        var request = new NewJoinCode(world.Id, world.Partner(0).Id, MemberRole.Member, Seed.Now.AddDays(2), world.Creator.Id);
        var open = await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, request, Seed.Now, None);
        var revoked = await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, request, Seed.Now, None);
        await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, request with { ExpiresAt = Seed.Now.AddHours(1) }, Seed.Now, None);
        await test.Database.RevokeJoinCodeAsync(revoked.Id, Seed.Now, None);

        var listed = await test.Database.ListOpenJoinCodesAsync(world.Id, Seed.Now.AddHours(2), None);

        var only = Assert.Single(listed);
        Assert.Equal((open.Id, world.Partner(0).Id, MemberRole.Member), (only.Id, only.PartnerId, only.Role));
        Assert.True(Seed.JoinCodes.Matches(open.Code, only.CodeHash));
    }

    /// <summary>
    /// Migration 0005: codes stored before as plain SHA-256 are revoked and their hashes destroyed, and the copy of
    /// each hash the audit trail kept is removed (the rest of the entry stays). The script runs here against rows
    /// written the old way.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MigrationRetiresCodesStoredAsPlainHashes(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();
        var old = await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, new NewJoinCode(world.Id, world.Partner(0).Id, MemberRole.Member, Seed.Now.AddDays(14), world.Creator.Id), Seed.Now, None);
        var plain = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JoinCodeHasher.Normalize(old.Code))));
        await using (var connection = await test.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE join_codes SET code_hash = @plain WHERE id = @Id", new { plain, old.Id });
        }

        var detail = $$"""{"code":"{{old.Id}}","hash":"{{plain}}","partner":"{{world.Partner(0).Id}}","role":"member"}""";
        await test.Database.RecordAuditAsync(new AuditEntry(world.Id, world.Creator.Id, "join-code.issued", detail, Seed.Now), None);

        await using (var connection = await test.OpenAsync())
        {
            await connection.ExecuteAsync(Script(test.Provider));
        }

        var cells = await test.AllCellsAsync();
        Assert.DoesNotContain(cells, c => c.Value.Contains(plain, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(await test.Database.ListOpenJoinCodesAsync(world.Id, Seed.Now, None));
        var entry = Assert.Single(await test.Database.ListAuditAsync(world.Id, 10, None), e => e.Action == "join-code.issued");
        Assert.Contains(world.Partner(0).Id.ToString(), entry.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", entry.DetailJson, StringComparison.Ordinal);
        Assert.Equal(JoinCodeStatus.Unknown, (await test.Database.RedeemJoinCodeAsync(Seed.JoinCodes, old.Code, Seed.Now, None)).Status);
    }

    private static string Script(StorageProvider provider)
    {
        var name = Migrator.ScriptNames(provider).Single(n => n.EndsWith("0005_audience.sql", StringComparison.Ordinal));
        using var stream = typeof(Migrator).Assembly.GetManifestResourceStream(name)!;

        // The join-code part only: the script goes on to create the room_links table, which exists already.
        var text = new StreamReader(stream).ReadToEnd();
        return text[..text.IndexOf("-- Group chats and channels", StringComparison.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExpiredRevokedAndUnknownCodesAreTold(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();
        var request = new NewJoinCode(world.Id, world.Partner(0).Id, MemberRole.Manager, Seed.Now.AddDays(2), world.Creator.Id);
        var expiring = await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, request, Seed.Now, None);
        var revoked = await test.Database.CreateJoinCodeAsync(Seed.JoinCodes, request with { ExpiresAt = Seed.Now.AddDays(30) }, Seed.Now, None);
        await test.Database.RevokeJoinCodeAsync(revoked.Id, Seed.Now.AddHours(1), None);

        Assert.Equal(JoinCodeStatus.Valid, (await test.Database.RedeemJoinCodeAsync(Seed.JoinCodes, expiring.Code, Seed.Now.AddDays(1), None)).Status);
        Assert.Equal(JoinCodeStatus.Expired, (await test.Database.RedeemJoinCodeAsync(Seed.JoinCodes, expiring.Code, Seed.Now.AddDays(2), None)).Status);
        Assert.Equal(JoinCodeStatus.Revoked, (await test.Database.RedeemJoinCodeAsync(Seed.JoinCodes, revoked.Code, Seed.Now.AddDays(1), None)).Status);
        Assert.Equal(JoinCodeStatus.Unknown, (await test.Database.RedeemJoinCodeAsync(Seed.JoinCodes, "AAAAA-BBBBB", Seed.Now, None)).Status);
        Assert.Equal(JoinCodeStatus.Unknown, (await test.Database.RedeemJoinCodeAsync(Seed.JoinCodes, "", Seed.Now, None)).Status);
        Assert.Equal(JoinCodeStatus.Unknown, (await test.Database.RedeemJoinCodeAsync(Seed.JoinCodes, new string('A', 5000), Seed.Now, None)).Status);
        Assert.Equal(StorageErrorKind.InvalidInput, (await Assert.ThrowsAsync<StorageException>(() =>
            test.Database.CreateJoinCodeAsync(Seed.JoinCodes, request with { ExpiresAt = Seed.Now }, Seed.Now, None))).Kind);
        Assert.Equal(StorageErrorKind.NotFound, (await Assert.ThrowsAsync<StorageException>(() =>
            test.Database.RevokeJoinCodeAsync(Guid.NewGuid(), Seed.Now, None))).Kind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FailedAttemptsAreCountedPerIdentityWithinTheWindow(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var guesser = new MemberIdentity(MemberIdentity.Slack, "T9", "U-GUESS");
        var other = new MemberIdentity(MemberIdentity.Slack, "T9", "U-OTHER");

        await test.Database.RecordFailedJoinAttemptAsync(guesser, Seed.Now, Seed.Now.AddHours(-1), None);
        await test.Database.RecordFailedJoinAttemptAsync(guesser, Seed.Now.AddMinutes(10), Seed.Now.AddHours(-1), None);
        var third = await test.Database.RecordFailedJoinAttemptAsync(guesser, Seed.Now.AddMinutes(20), Seed.Now.AddMinutes(-50), None);
        await test.Database.RecordFailedJoinAttemptAsync(other, Seed.Now, Seed.Now.AddHours(-1), None);

        Assert.Equal(3, third);
        Assert.Equal(1, await test.Database.CountFailedJoinAttemptsAsync(guesser, Seed.Now.AddMinutes(15), None));
        Assert.Equal(0, await test.Database.CountFailedJoinAttemptsAsync(guesser, Seed.Now.AddHours(1), None));
        Assert.Equal(1, await test.Database.CountFailedJoinAttemptsAsync(other, Seed.Now.AddHours(-1), None));
    }
}
