using System.Diagnostics.CodeAnalysis;
using PosLink.Domain.Text;

namespace PosLink.Domain.Common;

/// <summary>
/// Why an operation was refused or did not succeed: a <see cref="Code"/> for programs and a <see cref="Message"/>
/// phrase the web app's catalogue renders in the reader's language. <see cref="Field"/> names the input at fault
/// (null when none is), so a form can show the message beside it.
/// </summary>
public sealed record Problem(string Code, Phrase Message, string? Field = null)
{
    public override string ToString() => $"{Code}: {Message}";

    /// <summary>Not found, or outside the actor's reach: the two are deliberately indistinguishable.</summary>
    public static Problem NotFound(string what) => new("not-found", new Phrase("Problem.NotFound." + what));

    public static Problem Forbidden(string key, params object?[] args) => new("forbidden", new Phrase(key, args));

    public static Problem Invalid(string field, string key, params object?[] args) => new("invalid", new Phrase(key, args), field);
}

/// <summary>The result of a domain command: a value, or the problem that stopped it (nothing changed then).</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }
    public Problem? Problem { get; }

    /// <summary>True: <see cref="Value"/> is set; false: <see cref="Problem"/> says why not. Callers that checked need no <c>!</c>.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Problem problem) => new(default, problem);

    /// <summary>The value, or an exception naming the problem: for callers that have already checked.</summary>
    public T Unwrap() => Succeeded ? Value : throw new InvalidOperationException(Problem.ToString());
}
