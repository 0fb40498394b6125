using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Tests.Support;
using Xunit.Abstractions;

namespace AllianceBot.Dialogs.Tests.Privacy;

/// <summary>
/// A curious insider against the whole system: a seeded random sequence of ordinary operations (answer, change an
/// answer, forget me, leave, join another partner, raise k, lower k with every partner's agreement, close, and every
/// view: health card data, trend/chart data, drift, summaries, export) by members of three partners of uneven sizes.
/// After every view, each shown number is checked against what was true when its round closed (frozen rounds), and
/// then the observer test: for every person as observer, knowing their own answers and everything shown to anyone,
/// no other person's answer may be derivable. "Derivable" is exact linear inference: an answer is pinned when its
/// indicator lies in the span of the shown sums plus the observer's own answers (computed exactly, modulo a large
/// prime). A shown standard deviation adds a sum of squares over the same group, so it adds no new span.
/// </summary>
public class AdversaryTests(ITestOutputHelper output)
{
    private const long Prime = 2_147_483_647;
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] PartnerNames = ["Acme", "Globex", "Initech"];

    public static TheoryData<string, int> Runs()
    {
        var runs = new TheoryData<string, int>();
        for (var seed = 1; seed <= 40; seed++) runs.Add("sqlite", seed);
        if (Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable) is { Length: > 0 }
            || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            for (var seed = 101; seed <= 104; seed++) runs.Add("postgres", seed);
        }

        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task NoSequenceOfOrdinaryCommandsRevealsAnAnswer(string provider, int seed)
    {
        var random = new Random(seed);
        await using var world = await PrivacyWorld.CreateAsync(provider, PartnerNames);
        var people = new List<Person>();
        var sizes = new[] { random.Next(5, 9), random.Next(1, 5), random.Next(2, 6) };
        for (var p = 0; p < PartnerNames.Length; p++)
        {
            for (var i = 0; i < sizes[p]; i++) await JoinAsync(world, people, PartnerNames[p], i == 0);
        }

        var closed = new Dictionary<int, Dictionary<int, Given>>();
        var open = new Dictionary<int, Given>();
        var round = await OpenAsync();
        var observations = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new Dictionary<(int Round, string Measure), List<HashSet<int>>>();
        var log = new List<string>();
        var rounds = random.Next(4, 7);
        while (closed.Count < rounds)
        {
            var active = people.Where(p => p.Active).ToList();
            var roll = random.Next(100);
            if (roll < 45 && active.Count > 0)
            {
                var who = active[random.Next(active.Count)];
                var given = new Given(who.Partner, random.Next(1, 6), random.Next(1, 6));
                await world.AnswerAsync(round, who.Member.Id, given.Calculative, given.Relational);
                open[who.Index] = given;
                log.Add($"answer {who.Index}");
            }
            else if (roll < 52 && active.Count > 1)
            {
                var who = people.Where(p => !p.Forgotten).ToList()[random.Next(people.Count(p => !p.Forgotten))];
                await world.Database.ForgetMemberAsync(who.Contact.Identity, None);
                who.Forgotten = true;
                who.Active = false;
                open.Remove(who.Index);
                log.Add($"forget {who.Index}");
                await ObserveAsync(world, people, closed, blocks, observations);
            }
            else if (roll < 58 && active.Count > 1)
            {
                var who = active[random.Next(active.Count)];
                await world.Database.RemoveMemberAsync(who.Member.Id, round.OpenedAt, None);
                who.Active = false;
                log.Add($"leave {who.Index}");
            }
            else if (roll < 66)
            {
                var movable = people.Where(p => !p.Forgotten).ToList();
                var who = movable[random.Next(movable.Count)];
                var to = PartnerNames.Where(n => world.Partner(n).Id != who.Partner).ToList()[random.Next(2)];
                who.Member = await world.Database.AddMemberAsync(new NewMember(world.AllianceId, world.Partner(to).Id, who.Contact.Id), round.OpenedAt, None);
                who.Partner = who.Member.PartnerId;
                who.Active = true;
                log.Add($"move {who.Index} to {to}");
                await ObserveAsync(world, people, closed, blocks, observations);
            }
            else if (roll < 70)
            {
                await JoinAsync(world, people, PartnerNames[random.Next(3)], false);
                log.Add("join");
            }
            else if (roll < 74)
            {
                var k = (await world.Database.GetAllianceAsync(world.AllianceId, None))!.AnonymityK;
                if (k < 8)
                {
                    await world.Database.SetAnonymityAsync(world.AllianceId, k + 1, Math.Max(10, k + 1), None);
                    log.Add($"raise k to {k + 1}");
                }
            }
            else if (roll < 80)
            {
                var k = (await world.Database.GetAnonymityStateAsync(world.AllianceId, round.OpenedAt, None)).K;
                if (k > AllianceDefaults.MinAnonymityK)
                {
                    foreach (var partner in PartnerNames.Select(world.Partner))
                    {
                        if (people.FirstOrDefault(p => p.Active && p.Partner == partner.Id) is { } manager)
                        {
                            await world.Database.RequestLowerAnonymityAsync(world.AllianceId, k - 1, manager.Contact.Id, partner.Id, round.OpenedAt, None);
                        }
                    }

                    log.Add($"lower k to {k - 1}");
                }
            }
            else if (roll < 88)
            {
                await world.CloseAsync(round);
                closed[round.Number] = new Dictionary<int, Given>(open);
                open.Clear();
                log.Add($"close {round.Number}");
                await ObserveAsync(world, people, closed, blocks, observations);
                if (closed.Count < rounds) round = await OpenAsync();
            }
            else
            {
                await ObserveAsync(world, people, closed, blocks, observations);
            }
        }

        await ObserveAsync(world, people, closed, blocks, observations);
        Assert.NotEmpty(observations);

        // A round goes out to everyone; most answer at once, the rest of the sequence happens around them.
        async Task<Round> OpenAsync()
        {
            var opened = await world.OpenAsync();
            foreach (var who in people.Where(p => p.Active && random.Next(100) < 85))
            {
                var given = new Given(who.Partner, random.Next(1, 6), random.Next(1, 6));
                await world.AnswerAsync(opened, who.Member.Id, given.Calculative, given.Relational);
                open[who.Index] = given;
            }

            return opened;
        }
        output.WriteLine($"seed {seed}: {people.Count} people, {closed.Count} rounds, {observations.Count} distinct shown numbers; {string.Join(", ", log)}");

        foreach (var ((number, measure), rows) in blocks)
        {
            var answered = closed[number].Keys.Order().ToList();
            foreach (var observer in people.Select(p => p.Index))
            {
                foreach (var other in answered.Where(o => o != observer))
                {
                    var known = rows.Select(r => Row(r, answered)).ToList();
                    if (answered.Contains(observer)) known.Add(Row([observer], answered));
                    Assert.False(InSpan(known, Row([other], answered)),
                        $"seed {seed}: observer {observer} can derive person {other}'s {measure} answer in round {number} ({string.Join(", ", log)})");
                }
            }
        }
    }

    // Every view, read back as numbers: each must equal what was true when its round closed; its group of people
    // becomes one shown sum for the inference check.
    private static async Task ObserveAsync(PrivacyWorld world, List<Person> people, Dictionary<int, Dictionary<int, Given>> closed,
        Dictionary<(int, string), List<HashSet<int>>> blocks, HashSet<string> observations)
    {
        if (closed.Count == 0) return;
        var everyView = await world.EveryViewAsync();
        Assert.False(string.IsNullOrEmpty(everyView));
        var health = (await world.HealthAsync())!;
        foreach (var evaluated in health.Rounds)
        {
            var truth = closed[evaluated.Round.Number];
            var disclosed = evaluated.Disclosed;
            Shown(evaluated.Round.Number, null, "calculative", disclosed.Calculative?.N, disclosed.Calculative?.Mean, 1e-9);
            Shown(evaluated.Round.Number, null, "relational", disclosed.Relational?.N, disclosed.Relational?.Mean, 1e-9);
            foreach (var partner in disclosed.Partners)
            {
                Shown(evaluated.Round.Number, Guid.Parse(partner.PartnerId), "calculative", partner.Calculative?.N, partner.Calculative?.Mean, 1e-9);
                Shown(evaluated.Round.Number, Guid.Parse(partner.PartnerId), "relational", partner.Relational?.N, partner.Relational?.Mean, 1e-9);
            }

            void Shown(int number, Guid? partner, string measure, int? n, double? mean, double tolerance) =>
                Check(truth, blocks, observations, number, partner, measure, n, mean, tolerance);
        }

        foreach (var line in await world.ExportAsync())
        {
            if (line.Mean is null) continue;
            var measure = line.ItemId == PrivacyWorld.Calculative ? "calculative" : "relational";
            Guid? partner = line.Slice == ExportAggregatesUseCase.AllPartners ? null : world.Partner(line.Slice).Id;
            Check(closed[line.Round], blocks, observations, line.Round, partner, measure, line.Respondents, line.Mean, 0.005 + 1e-9);
        }
    }

    private static void Check(Dictionary<int, Given> truth, Dictionary<(int, string), List<HashSet<int>>> blocks, HashSet<string> observations,
        int number, Guid? partner, string measure, int? n, double? mean, double tolerance)
    {
        if (mean is null) return;
        var group = truth.Where(t => partner is null || t.Value.Partner == partner).ToList();
        var values = group.Select(t => measure == "calculative" ? t.Value.Calculative : t.Value.Relational).ToList();
        Assert.Equal(values.Count, n);
        Assert.InRange(mean.Value, values.Average() - tolerance, values.Average() + tolerance);
        var members = group.Select(t => t.Key).ToHashSet();
        if (observations.Add($"{number}/{measure}/{string.Join(",", members.Order())}"))
        {
            if (!blocks.TryGetValue((number, measure), out var rows)) blocks[(number, measure)] = rows = [];
            rows.Add(members);
        }
    }

    private static long[] Row(IEnumerable<int> members, List<int> variables)
    {
        var row = new long[variables.Count];
        foreach (var m in members) row[variables.IndexOf(m)] = 1;
        return row;
    }

    /// <summary>Exact: is <paramref name="target"/> a linear combination of <paramref name="rows"/> (over GF(p))?</summary>
    private static bool InSpan(List<long[]> rows, long[] target)
    {
        var basis = new List<(int Pivot, long[] Row)>();
        foreach (var row in rows) Reduce(basis, (long[])row.Clone(), add: true);
        return Reduce(basis, (long[])target.Clone(), add: false);
    }

    // Reduces v by the basis; adds it when independent (add) or returns true when it reduces to zero.
    private static bool Reduce(List<(int Pivot, long[] Row)> basis, long[] v, bool add)
    {
        foreach (var (pivot, row) in basis)
        {
            if (v[pivot] == 0) continue;
            var factor = v[pivot];
            for (var i = 0; i < v.Length; i++) v[i] = ((v[i] - factor * row[i]) % Prime + Prime) % Prime;
        }

        var lead = Array.FindIndex(v, x => x != 0);
        if (lead < 0) return true;
        if (add)
        {
            var inverse = Power(v[lead], Prime - 2);
            for (var i = 0; i < v.Length; i++) v[i] = v[i] * inverse % Prime;

            // Keep the basis fully reduced so one pass reduces any vector.
            for (var b = 0; b < basis.Count; b++)
            {
                var other = basis[b].Row;
                if (other[lead] == 0) continue;
                var factor = other[lead];
                for (var i = 0; i < other.Length; i++) other[i] = ((other[i] - factor * v[i]) % Prime + Prime) % Prime;
            }

            basis.Add((lead, v));
        }

        return false;
    }

    private static long Power(long value, long exponent)
    {
        long result = 1;
        value %= Prime;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1) result = result * value % Prime;
            value = value * value % Prime;
            exponent >>= 1;
        }

        return result;
    }

    private static async Task JoinAsync(PrivacyWorld world, List<Person> people, string partner, bool manager)
    {
        var (contact, member) = await world.AddAsync(partner, manager ? MemberRole.Manager : MemberRole.Member);
        people.Add(new Person(people.Count, contact) { Member = member, Partner = member.PartnerId, Active = true });
    }

    private sealed record Given(Guid Partner, int Calculative, int Relational);

    private sealed class Person(int index, Contact contact)
    {
        public int Index { get; } = index;
        public Contact Contact { get; } = contact;
        public required Member Member { get; set; }
        public Guid Partner { get; set; }
        public bool Active { get; set; }
        public bool Forgotten { get; set; }
    }
}
