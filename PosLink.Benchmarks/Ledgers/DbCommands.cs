using System.Data.Common;

namespace PosLink.Benchmarks.Ledgers;

/// <summary>Provider-neutral parameters for hand-written SQL (both drivers accept <c>@name</c>).</summary>
internal static class DbCommands
{
    public static DbParameter Add(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
