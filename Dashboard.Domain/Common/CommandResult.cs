namespace Dashboard.Domain.Common;

/// <summary>How a command ended. Anything but <see cref="Succeeded"/> means nothing was written.</summary>
public enum CommandStatus
{
    Succeeded,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}

/// <summary>The outcome of a domain command, with field-specific errors when the input was rejected.</summary>
public class CommandResult
{
    protected CommandResult(CommandStatus status, IReadOnlyList<FieldError> errors, string? message)
    {
        Status = status;
        Errors = errors;
        Message = message;
    }

    public CommandStatus Status { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>A sentence for the user when the failure is not tied to a field.</summary>
    public string? Message { get; }

    public bool Succeeded => Status == CommandStatus.Succeeded;

    public static CommandResult Ok() => new(CommandStatus.Succeeded, [], null);

    public static CommandResult Invalid(IReadOnlyList<FieldError> errors) => new(CommandStatus.Invalid, errors, null);

    public static CommandResult Invalid(string field, string code, string message) => Invalid([new FieldError(field, code, message)]);

    public static CommandResult Forbidden(string message) => new(CommandStatus.Forbidden, [], message);

    public static CommandResult NotFound(string message = "The customer card does not exist or was deleted.") => new(CommandStatus.NotFound, [], message);

    public static CommandResult Conflict(string message) => new(CommandStatus.Conflict, [], message);

    public IEnumerable<FieldError> ErrorsFor(string field) => Errors.Where(e => e.Field == field);
}

/// <summary>A command outcome that carries a value on success.</summary>
public sealed class CommandResult<T> : CommandResult
{
    private CommandResult(CommandStatus status, IReadOnlyList<FieldError> errors, string? message, T? value)
        : base(status, errors, message) => Value = value;

    public T? Value { get; }

    public static CommandResult<T> Ok(T value) => new(CommandStatus.Succeeded, [], null, value);

    public static CommandResult<T> From(CommandResult failure) =>
        failure.Succeeded
            ? throw new ArgumentException("Only failures can be converted.", nameof(failure))
            : new(failure.Status, failure.Errors, failure.Message, default);

    public static implicit operator CommandResult<T>(T value) => Ok(value);
}
