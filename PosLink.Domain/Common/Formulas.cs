using System.Linq.Expressions;
using System.Reflection;

namespace PosLink.Domain.Common;

/// <summary>
/// Marks a static method as the compiled form of an expression field of its class: C# calls the method, and a query
/// that calls it gets the expression inlined (<see cref="Formulas.WithFormulas{T}"/>) so the database computes the
/// same formula. One definition serves a page, a total and an export alike.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FormulaAttribute(string expressionField) : Attribute
{
    /// <summary>The name of the static <see cref="LambdaExpression"/> field that defines the method.</summary>
    public string ExpressionField { get; } = expressionField;
}

/// <summary>Inlines <see cref="FormulaAttribute"/> methods into a query before EF Core translates it.</summary>
public static class Formulas
{
    /// <summary>The same query with every formula call replaced by the formula's expression.</summary>
    public static IQueryable<T> WithFormulas<T>(this IQueryable<T> query) => query.Provider.CreateQuery<T>(new Inliner().Visit(query.Expression));

    /// <summary>A lambda (for a compiled query) with every formula call replaced by the formula's expression.</summary>
    public static Expression<TDelegate> Expand<TDelegate>(Expression<TDelegate> lambda) => (Expression<TDelegate>)new Inliner().Visit(lambda);

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.GetCustomAttribute<FormulaAttribute>() is not { } formula)
            {
                return base.VisitMethodCall(node);
            }
            var field = node.Method.DeclaringType!.GetField(formula.ExpressionField, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                        ?? throw new InvalidOperationException($"{node.Method.DeclaringType.Name}.{formula.ExpressionField} is not a static field.");
            var lambda = (LambdaExpression)field.GetValue(null)!;
            var arguments = node.Arguments.Select(Visit).ToList();
            // A formula may call another: visit what it expands to.
            return Visit(new Substitution(lambda.Parameters, arguments!).Visit(lambda.Body));
        }
    }

    private sealed class Substitution(IReadOnlyList<ParameterExpression> parameters, IReadOnlyList<Expression> arguments) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i] == node)
                {
                    return arguments[i];
                }
            }
            return node;
        }
    }
}
