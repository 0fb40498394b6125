using AllianceBot.Data.JoinCodes;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

public class JoinCodeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACodeIsStoredOnlyAsItsHashAndRedeemsHowEverItIsTyped(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();

        var issued = await test.Database.CreateJoinCodeAsync(new NewJoinCode(world.Id, world.Partner(1).Id, MemberRole.Member, Seed.Now.AddDays(14), world.Creator.Id), Seed.Now, None);
        var typed = " " + issued.Code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() + " ";
        var redeemed = await test.Database.RedeemJoinCodeAsync(typed, Seed.Now.AddDays(1), None);

        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", issued.Code);
        Assert.Equal(new JoinCodeRedemption(JoinCodeStatus.Valid, issued.Id, world.Id, world.Partner(1).Id, MemberRole.Member), redeemed);
        var cells = await test.AllCellsAsync();
        Assert.DoesNotContain(cells, c => c.Value.Contains(JoinCodeHash.Normalize(issued.Code), StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cells, c => c.Table == "join_codes" && c.Value == JoinCodeHash.Hash(issued.Code));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExpiredRevokedAndUnknownCodesAreTold(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();
        var request = new NewJoinCode(world.Id, world.Partner(0).Id, MemberRole.Manager, Seed.Now.AddDays(2), world.Creator.Id);
        var expiring = await test.Database.CreateJoinCodeAsync(request, Seed.Now, None);
        var revoked = await test.Database.CreateJoinCodeAsync(request with { ExpiresAt = Seed.Now.AddDays(30) }, Seed.Now, None);
        await test.Database.RevokeJoinCodeAsync(revoked.Id, Seed.Now.AddHours(1), None);

        Assert.Equal(JoinCodeStatus.Valid, (await test.Database.RedeemJoinCodeAsync(expiring.Code, Seed.Now.AddDays(1), None)).Status);
        Assert.Equal(JoinCodeStatus.Expired, (await test.Database.RedeemJoinCodeAsync(expiring.Code, Seed.Now.AddDays(2), None)).Status);
        Assert.Equal(JoinCodeStatus.Revoked, (await test.Database.RedeemJoinCodeAsync(revoked.Code, Seed.Now.AddDays(1), None)).Status);
        Assert.Equal(JoinCodeStatus.Unknown, (await test.Database.RedeemJoinCodeAsync("AAAAA-BBBBB", Seed.Now, None)).Status);
        Assert.Equal(JoinCodeStatus.Unknown, (await test.Database.RedeemJoinCodeAsync("", Seed.Now, None)).Status);
        Assert.Equal(JoinCodeStatus.Unknown, (await test.Database.RedeemJoinCodeAsync(new string('A', 5000), Seed.Now, None)).Status);
        Assert.Equal(StorageErrorKind.InvalidInput, (await Assert.ThrowsAsync<StorageException>(() =>
            test.Database.CreateJoinCodeAsync(request with { ExpiresAt = Seed.Now }, Seed.Now, None))).Kind);
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
