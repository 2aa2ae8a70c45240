using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace PosLink.Tests.Support;

/// <summary>
/// Reads a QR code back from the PNG a page shows, as a phone's scanner would. ZXing.Net's core decodes luminance, not
/// files, and System.Drawing does not run on Linux, so the PNG is decoded here: a PNG is zlib data of filtered
/// scanlines, which <see cref="ZLibStream"/> and the five filters of the PNG spec undo. That covers what QRCoder
/// writes (1-bit palette) and Chromium's screenshots (8-bit RGB/RGBA) alike; interlaced PNGs, which neither writes, are refused.
/// </summary>
public static class QrCodes
{
    /// <summary>
    /// The text of the QR code in an <c>img</c>'s <c>data:image/png;base64,…</c> address: the code alone, square to the
    /// pixel. ZXing's finder-pattern search misses a few such flawless images (2 of 300 random order ids), so they are
    /// read as what they are, a pure barcode, by the grid of their modules.
    /// </summary>
    public static string? ReadDataUri(string? source)
    {
        const string prefix = "data:image/png;base64,";
        Assert.NotNull(source);
        Assert.StartsWith(prefix, source, StringComparison.Ordinal);
        return Read(Convert.FromBase64String(source[prefix.Length..]), pure: true);
    }

    /// <summary>The text of the QR code in a PNG image (a screenshot unless <paramref name="pure"/>), or null when ZXing finds none.</summary>
    public static string? Read(byte[] png, bool pure = false)
    {
        var (width, height, gray) = Luminance(png);
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        if (pure)
        {
            hints[DecodeHintType.PURE_BARCODE] = true;
        }
        try
        {
            return new QRCodeReader().decode(bitmap, hints)?.Text;
        }
        catch (ReaderException)
        {
            return null;
        }
    }

    /// <summary>One byte of luminance per pixel, row by row (transparent pixels as on white paper).</summary>
    private static (int Width, int Height, byte[] Gray) Luminance(byte[] png)
    {
        Assert.Equal("\x89PNG\r\n\x1a\n", Encoding.Latin1.GetString(png, 0, 8));
        int width = 0, height = 0, depth = 0, colour = 0;
        byte[][] palette = [];
        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    (width, height, depth, colour) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
                    Assert.True(data[12] == 0, "interlaced PNGs are not read here");
                    break;
                case "PLTE":
                    palette = data.ToArray().Chunk(3).ToArray();
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }
            at += 12 + length;
        }
        var channels = colour switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {colour}") };
        var stride = (width * channels * depth + 7) / 8;
        var rows = Unfilter(Inflate(compressed), stride, height, Math.Max(1, channels * depth / 8));
        var gray = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                gray[y * width + x] = Pixel(rows[y], x, depth, colour, channels, palette);
            }
        }
        return (width, height, gray);
    }

    private static byte[] Inflate(MemoryStream compressed)
    {
        compressed.Position = 0;
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return raw.ToArray();
    }

    /// <summary>Undoes each scanline's filter (None, Sub, Up, Average, Paeth), which works on whole bytes.</summary>
    private static byte[][] Unfilter(byte[] raw, int stride, int height, int bytesPerPixel)
    {
        var rows = new byte[height][];
        var previous = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var row = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0, up = previous[i], corner = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                row[i] += filter switch
                {
                    0 => 0,
                    1 => (byte)left,
                    2 => (byte)up,
                    3 => (byte)((left + up) / 2),
                    4 => Paeth(left, up, corner),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                };
            }
            rows[y] = previous = row;
        }
        return rows;
    }

    private static byte Paeth(int left, int up, int corner)
    {
        var p = left + up - corner;
        var (pa, pb, pc) = (Math.Abs(p - left), Math.Abs(p - up), Math.Abs(p - corner));
        return (byte)(pa <= pb && pa <= pc ? left : pb <= pc ? up : corner);
    }

    private static byte Pixel(byte[] row, int x, int depth, int colour, int channels, byte[][] palette)
    {
        if (depth < 8)
        {
            // Grey or palette entries packed several to a byte, the leftmost pixel in the high bits.
            var perByte = 8 / depth;
            var value = (row[x / perByte] >> ((perByte - 1 - x % perByte) * depth)) & ((1 << depth) - 1);
            return colour == 3 ? Gray(palette[value]) : (byte)(value * 255 / ((1 << depth) - 1));
        }
        Assert.Equal(8, depth);
        var sample = row.AsSpan(x * channels, channels);
        return colour switch
        {
            0 => sample[0],
            3 => Gray(palette[sample[0]]),
            4 => OnWhite(sample[0], sample[1]),
            2 => Gray(sample),
            _ => OnWhite(Gray(sample[..3]), sample[3]),
        };
    }

    private static byte Gray(ReadOnlySpan<byte> rgb) => (byte)((rgb[0] * 299 + rgb[1] * 587 + rgb[2] * 114) / 1000);

    private static byte OnWhite(byte gray, byte alpha) => (byte)((gray * alpha + 255 * (255 - alpha)) / 255);
}
