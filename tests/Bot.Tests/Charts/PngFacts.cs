using System.Buffers.Binary;

namespace AllianceBot.Bot.Tests.Charts;

/// <summary>Reads what a test needs from a PNG without an imaging library: the signature and the IHDR size.</summary>
public static class PngFacts
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Dimensions(byte[] png)
    {
        Assert.True(png.Length > 33, "too short for a PNG");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    public static void AssertFitsTeams(byte[] png)
    {
        var (width, height) = Dimensions(png);
        Assert.InRange(width, 200, 1024);
        Assert.InRange(height, 150, 1024);
        Assert.InRange(png.Length, 1, (200 * 1024) - 1);
    }
}
