using System.Globalization;
using PosLink.Domain.Common;
using PosLink.Domain.Exports;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Web.Resources;

namespace PosLink.Tests.Support;

/// <summary>What the domain's codes say to a person, in each language, read through the app's own catalogue.</summary>
internal static class Said
{
    /// <summary>Runs <paramref name="say"/> as a reader of <paramref name="culture"/> would see it.</summary>
    public static string In(string culture, Func<string> say)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return say();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>A stored text (a phrase, or the gateway's words) as a zh-CN reader sees it.</summary>
    public static string Zh(string? stored) => In("zh-CN", () => L.Stored(stored));

    /// <summary>A stored text as an English reader sees it.</summary>
    public static string En(string? stored) => In("en", () => L.Stored(stored));

    extension(Problem? problem)
    {
        public string Chinese => problem is null ? "" : In("zh-CN", () => L.Say(problem));
        public string English => problem is null ? "" : In("en", () => L.Say(problem));
    }

    extension(StatementProblem problem)
    {
        public string Chinese => In("zh-CN", () => L.Say(problem.Message));
        public string English => In("en", () => L.Say(problem.Message));
    }

    extension(ResponseCode code)
    {
        public string Chinese => In("zh-CN", () => L.CodeMeaning(code.Code));
        public string English => In("en", () => L.CodeMeaning(code.Code));
    }

    extension<T>(ExportColumn<T> column)
    {
        public string Chinese => In("zh-CN", () => L.Text(column.Key));
    }
}
