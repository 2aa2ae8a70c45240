namespace PosLink.Domain.Text;

/// <summary>
/// Counts "characters" the way the spec's length limits mean them (商户备注 at most 30): one per Unicode
/// character, so a Chinese character or an emoji counts once, not as two UTF-16 units.
/// </summary>
public static class TextLength
{
    public static int Characters(string? text) => text is null ? 0 : text.EnumerateRunes().Count();
}
