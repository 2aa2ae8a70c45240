using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Terminals;
using PosLink.Domain.Text;
using PosLink.Tests.Support;
using PosLink.Web.Resources;

namespace PosLink.Tests.Web;

/// <summary>
/// The one text catalogue (PosLink.Web/Resources/Texts.resx for zh-CN, Texts.{culture}.resx for each further
/// language): every language has every key with the same placeholders, every key is used, and every key the code
/// asks for exists.
/// </summary>
public sealed partial class CatalogueTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "PosLink.Web", "Resources");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Chinese = Read("Texts.resx");

    /// <summary>Every further language's file: adding a language is adding one of these.</summary>
    public static TheoryData<string> Translations() =>
        [.. Directory.GetFiles(Folder, "Texts.*.resx").Select(Path.GetFileName).OfType<string>()];

    // Enum families: {Type}.{Member}, plus .Unlisted where a value may come from outside the enum.
    private static readonly Type[] EnumFamilies =
    [
        typeof(GuaranteeStatus), typeof(GatewayEndpoint), typeof(OperationOutcome), typeof(UnansweredReason), typeof(PosLink.Domain.Gateway.Messages.PayMode),
        typeof(ActivationState), typeof(DifferenceKind), typeof(DifferenceSource), typeof(DifferenceState), typeof(ResponseCategory),
        typeof(PosLink.Domain.Guarantees.Bulk.BulkKind), typeof(PosLink.Domain.Guarantees.Bulk.BulkItemState),
        typeof(PosLink.Domain.Guarantees.Approvals.ApprovalKind), typeof(PosLink.Domain.Guarantees.Approvals.ApprovalState),
    ];

    [Theory]
    [MemberData(nameof(Translations))]
    public void EveryLanguage_HasEveryKey_WithTheSamePlaceholders(string file)
    {
        var other = Read(file);
        // "{key}.One" is a singular form a language may add ("1 hold"); Chinese has none.
        var missing = Chinese.Keys.Except(other.Keys).ToList();
        var extra = other.Keys.Where(k => !Chinese.ContainsKey(k) && !(k.EndsWith(".One", StringComparison.Ordinal) && Chinese.ContainsKey(k[..^4]))).ToList();
        var differing = Chinese.Where(e => other.TryGetValue(e.Key, out var text) && !Placeholders(e.Value).SetEquals(Placeholders(text)))
            .Select(e => $"{e.Key}: \"{e.Value}\" / \"{other[e.Key]}\"").ToList();
        var singularsDiffering = other.Where(e => e.Key.EndsWith(".One", StringComparison.Ordinal) && Chinese.TryGetValue(e.Key[..^4], out var plural) &&
            !Placeholders(e.Value).IsSubsetOf(Placeholders(plural))).Select(e => e.Key).ToList();
        Assert.True(missing.Count + extra.Count + differing.Count + singularsDiffering.Count == 0,
            $"{file}: missing {string.Join(", ", missing)}; not in Texts.resx {string.Join(", ", extra)}; placeholders differ {string.Join("; ", differing)}; singular forms with other placeholders {string.Join(", ", singularsDiffering)}");
    }

    [Fact]
    public void EveryTypedMember_HasItsKey_AndItsArgumentsFillItsPlaceholders()
    {
        // Members that compose other texts rather than read a key of their own name.
        string[] composed = [nameof(L.Person), nameof(L.DaysAgo), nameof(L.ExpiresInDays), nameof(L.Text), nameof(L.Lookup), nameof(L.Say), nameof(L.Stored), nameof(L.Name), nameof(L.CodeMeaning), nameof(L.Notification),
            nameof(L.WebhookError), nameof(L.WebhookEventType)];
        var members = typeof(L).GetMembers(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m is PropertyInfo { PropertyType: var p } && p == typeof(string) || m is MethodInfo { ReturnType: var r, IsSpecialName: false } && r == typeof(string))
            .Where(m => !composed.Contains(m.Name)).ToList();
        var problems = new List<string>();
        foreach (var member in members)
        {
            if (!Chinese.TryGetValue(member.Name, out var text))
            {
                problems.Add($"L.{member.Name} has no key");
                continue;
            }
            var arguments = member is MethodInfo method ? method.GetParameters().Length : 0;
            var needed = Placeholders(text).Select(p => int.Parse(p.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            if (needed != arguments)
            {
                problems.Add($"L.{member.Name} takes {arguments} arguments; its text \"{text}\" has {needed} placeholders");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryKey_IsUsed()
    {
        var members = typeof(L).GetMembers(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var source = SourceText();
        var unused = Chinese.Keys.Where(key => !Used(key, members, source)).ToList();
        Assert.True(unused.Count == 0, "Keys nothing uses: " + string.Join(", ", unused));
    }

    [Fact]
    public void EveryPhraseKey_TheCodeSays_IsInTheCatalogue()
    {
        var asked = PhraseKey().Matches(SourceText()).Select(m => m.Groups[1].Value)
            .Where(k => !k.EndsWith('.')).Distinct().ToList();
        Assert.NotEmpty(asked);
        var missing = asked.Where(k => !Chinese.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Keys the code says that the catalogue lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryCodedValue_HasItsName()
    {
        var missing = EnumFamilies.SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}.{n}"))
            .Concat(ResponseCodes.All.Select(c => $"ResponseCode.{c.Code}"))
            .Concat(AuditTexts.Actions.Select(a => $"AuditAction.{a}"))
            .Concat(Enum.GetNames<PosLink.Domain.Notifications.NotificationKind>().Select(n => $"Notification.{n}"))
            .Concat(PosLink.Domain.Webhooks.WebhookEvents.All.Select(e => $"WebhookEventType.{e}"))
            .Concat(typeof(PosLink.Domain.Webhooks.WebhookErrors).GetFields().Select(f => $"WebhookError.{f.GetRawConstantValue()}"))
            .Concat(typeof(DifferenceFields).GetFields().Select(f => $"DifferenceField.{f.GetRawConstantValue()}"))
            .Where(k => !Chinese.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Coded values without a name: " + string.Join(", ", missing));
    }

    [Fact]
    public void StoredPhrases_ReadBack_AndOldBilingualSentences_BecomeTheirPhrase()
    {
        var phrase = new Phrase("Attention.ApprovedWhile", GatewayEndpoint.CompleteAuthorization, "000123", GuaranteeStatus.Voided);
        var read = Phrase.Read(phrase.Store())!;
        Assert.Equal("Attention.ApprovedWhile", read.Key);
        Assert.Equal(["CompleteAuthorization", "000123", "Voided"], read.Args);
        Assert.Equal("网关确认了担保完成请求（000123），但担保此时为已撤销", Said.In("zh-CN", () => L.Say(read)));
        Assert.Equal("The gateway approved the completion request (000123) while the hold was Voided", Said.In("en", () => L.Say(read)));

        var old = LegacyTexts.Read("网关确认了CompleteAuthorization（000123），但担保此时为已撤销 (the gateway approved CompleteAuthorization while the hold was Voided)");
        Assert.Equal(phrase.Store(), old?.Store());
        Assert.Equal("Re-synced from the gateway: Voided → Completed",
            Said.In("en", () => L.Stored(LegacyTexts.Read("已按网关同步：已撤销 → 已完成 (re-synced from the gateway: Voided → Completed)")!.Store())));
        // The gateway's own words and a person's note are not the app's sentences: they stay as they are.
        Assert.Null(LegacyTexts.Read("余额不足"));
        Assert.Equal("余额不足", L.Stored("余额不足"));
    }

    [Fact]
    public void MudBlazorsOwnWords_ComeFromTheCatalogue_ThroughTheStringLocalizer()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        var mud = new CatalogueMudLocalizer(new StringLocalizer<Texts>(factory));
        Assert.Equal("必填", Said.In("zh-CN", () => mud["MudFormComponent_Required"].Value));
        Assert.Equal("Required", Said.In("en", () => mud["MudFormComponent_Required"].Value));
        // A word the catalogue does not have stays MudBlazor's own.
        Assert.Equal("MudTabs_AddTab", Said.In("zh-CN", () => mud["MudTabs_AddTab"] is { ResourceNotFound: true } kept ? kept.Value : "found"));
    }

    private static bool Used(string key, HashSet<string> members, string source)
    {
        if (members.Contains(key) || source.Contains($"\"{key}\"", StringComparison.Ordinal))
        {
            return true;
        }
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return false;
        }
        var family = key[..dot];
        if (key.EndsWith(".One", StringComparison.Ordinal))
        {
            return true;
        }
        if (EnumFamilies.FirstOrDefault(t => t.Name == family) is { } type)
        {
            return key[(dot + 1)..] is var name && (name == "Unlisted" || Enum.GetNames(type).Contains(name));
        }
        if (family == "ResponseCode")
        {
            return key[(dot + 1)..] is var code && (code == "Unlisted" || ResponseCodes.Find(code) is not null);
        }
        // Words that belong to another library's vocabulary: MudBlazor's keys, Hangfire's job states.
        if (family is "Mud" or "JobState")
        {
            return true;
        }
        // Families read by prefix ("AuditAction." + action, "Problem.NotFound." + what): the prefix is in the code, and
        // the rest is a value it has (a quoted literal, or a name: an Identity describer method, a snapshot's property).
        for (var at = key.IndexOf('.', StringComparison.Ordinal); at > 0; at = key.IndexOf('.', at + 1))
        {
            var (prefix, member) = (key[..(at + 1)], key[(at + 1)..]);
            if (source.Contains($"\"{prefix}", StringComparison.Ordinal) && (member == "Unlisted" || source.Contains($"\"{member}\"", StringComparison.Ordinal) ||
                Regex.IsMatch(source, $@"\b{Regex.Escape(member)}\b") || Regex.IsMatch(source, $@"\b{Regex.Escape(char.ToUpperInvariant(member[0]) + member[1..])}\b")))
            {
                return true;
            }
        }
        return false;
    }

    private static string? _source;

    /// <summary>The app's C# and Razor source (what could ask for a key), read once.</summary>
    private static string SourceText() => _source ??= string.Join("\n",
        new[] { "PosLink.Domain", "PosLink.Web" }.SelectMany(project => Directory.EnumerateFiles(Path.Combine(Repository.Root, project), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<!\{)\{(\d+(?::[^}]*)?)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"""((?:Problem|Attention|Statement|Settled|Note|ErrInfo|Field|Export|Rule|Identity)\.[A-Za-z0-9.\-]*)""")]
    private static partial Regex PhraseKey();
}
