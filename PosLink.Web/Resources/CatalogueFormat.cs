using System.Globalization;
using PosLink.Domain.Text;
using PosLink.Domain.Time;

namespace PosLink.Web.Resources;

/// <summary>
/// How a phrase's arguments become words: a nested <see cref="Phrase"/> is said in turn; a placeholder whose format
/// names a family (<c>{0:GuaranteeStatus}</c>, <c>{0:GatewayEndpoint}</c>, <c>{0:ResponseCode}</c>: any with a
/// <c>{family}.Unlisted</c> entry) reads the argument's entry <c>{family}.{value}</c>; <c>time</c> is a China-time clock time and <c>person</c> a stored actor
/// name; anything else is formatted in the reader's culture.
/// </summary>
internal sealed class CatalogueFormat : IFormatProvider, ICustomFormatter
{
    public static readonly CatalogueFormat Instance = new();

    public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : CultureInfo.CurrentCulture.GetFormat(formatType);

    public string Format(string? format, object? arg, IFormatProvider? formatProvider)
    {
        switch (format, arg)
        {
            case (_, Phrase phrase):
                return L.Say(phrase);
            case ("time", DateTimeOffset at):
                return ChinaTime.ToChina(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            case ("time", string text) when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at):
                return ChinaTime.ToChina(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            case ("person", _):
                return L.Person(arg?.ToString());
            case ({ Length: > 0 } family, _) when L.Lookup(family + ".Unlisted") is not null:
                return L.Member(family, arg);
            case (_, IFormattable formattable):
                return formattable.ToString(format, CultureInfo.CurrentCulture);
            default:
                return arg?.ToString() ?? "";
        }
    }
}
