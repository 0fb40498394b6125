using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Charts;

/// <summary>
/// Rendered PNGs per (alliance, round, kind, language). A private MemoryCache with a size limit in bytes (so the
/// shared IMemoryCache of other areas need not declare sizes); entries expire after <see cref="ChartOptions.CacheDuration"/>.
/// Two simultaneous first requests may both render: harmless, and cheaper than a lock per key.
/// </summary>
public sealed class ChartCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan _duration;

    public ChartCache(IOptions<ChartOptions> options)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.CacheSizeLimitBytes });
        _duration = options.Value.CacheDuration;
    }

    public bool TryGet(ChartKey key, out byte[] png) => _cache.TryGetValue(key, out png!);

    public void Set(ChartKey key, byte[] png) =>
        _cache.Set(key, png, new MemoryCacheEntryOptions { Size = png.Length, AbsoluteExpirationRelativeToNow = _duration });

    public void Dispose() => _cache.Dispose();
}
