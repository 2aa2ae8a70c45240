using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PosLink.Domain.Common;
using PosLink.Domain.Text;

namespace PosLink.Web.Resources;

/// <summary>
/// The one catalogue of the app's words: <c>Resources/Texts.resx</c> (zh-CN, the default) and one
/// <c>Texts.{culture}.resx</c> per further language, read in the request's UI culture. Fixed words are typed members
/// (<c>L.Dashboard</c>); what the domain says arrives as a <see cref="Phrase"/> (a key and its arguments) and is
/// rendered by <see cref="Say(Phrase)"/>; coded values (a hold's status, an endpoint, a response code) are keys of
/// the form <c>{Type}.{Member}</c>.
/// </summary>
public static partial class L
{
    /// <summary>The resource base name of <c>Texts.resx</c>; <c>IStringLocalizer&lt;Texts&gt;</c> reads the same catalogue.</summary>
    internal static readonly ResourceManager Catalogue = new("PosLink.Web.Resources.Texts", typeof(L).Assembly);

    /// <summary>The text of <paramref name="key"/>, or null when the catalogue has no such key.</summary>
    public static string? Lookup(string key) => Catalogue.GetString(key, CultureInfo.CurrentUICulture);

    /// <summary>The text of <paramref name="key"/>; a missing key shows as itself (the catalogue test keeps there being none).</summary>
    public static string Text(string key) => Lookup(key) ?? key;

    /// <summary>A domain phrase in the reader's language.</summary>
    public static string Say(Phrase phrase) => Format(Text(phrase.Key), phrase.Args);

    /// <summary>Why something was refused, in the reader's language.</summary>
    public static string Say(Problem problem) => Say(problem.Message);

    /// <summary>
    /// A stored text: a stored phrase in the reader's language, anything else (the gateway's own errInfo) as it is.
    /// </summary>
    public static string Stored(string? stored) => stored is null ? "" : Phrase.Read(stored) is { } phrase ? Say(phrase) : stored;

    /// <summary>A coded value by name: <c>GuaranteeStatus.Held</c> → 担保中.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => Text($"{typeof(TEnum).Name}.{value}");

    /// <summary>What a response code means (<c>ResponseCode.{code}</c>); a code the spec does not list reads as such.</summary>
    public static string CodeMeaning(string? code) => code is null ? "" : Member("ResponseCode", code);

    /// <summary>A value of a family read by name (<c>{family}.{value}</c>), or the family's <c>.Unlisted</c> word for one it does not know.</summary>
    internal static string Member(string family, object? value) =>
        (value is null ? null : Lookup($"{family}.{value}")) ?? Text($"{family}.Unlisted");

    /// <summary>"1 hold" against "3 holds": the <c>{key}.One</c> form where the language has one (Chinese has none).</summary>
    private static string Count(string key, int count, params object?[] args) =>
        Format(count == 1 && Lookup(key + ".One") is { } one ? one : Text(key), [count, .. args]);

    private static string T([CallerMemberName] string key = "") => Text(key);

    private static string F(string key, params object?[] args) => Format(Text(key), args);

    private static string Format(string template, object?[] args)
    {
        // A stored phrase too long for its column kept only its key: its missing arguments show as "…".
        var needed = Placeholders().Matches(template).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
        if (args.Length < needed)
        {
            args = [.. args, .. Enumerable.Repeat<object?>("…", needed - args.Length)];
        }
        return string.Format(CatalogueFormat.Instance, template, args);
    }

    [GeneratedRegex(@"(?<!\{)\{(\d+)")]
    private static partial Regex Placeholders();
}

/// <summary>The marker type of the catalogue for <see cref="Microsoft.Extensions.Localization.IStringLocalizer{T}"/> (MudBlazor's texts use it).</summary>
public sealed class Texts;
