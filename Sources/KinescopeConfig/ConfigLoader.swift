import EventDecoding
import Foundation

/// Finds and reads the config file, and words its problems for stderr.
///
/// Where it looks, first found wins: `--config PATH`, then `KINESCOPE_CONFIG`, then
/// `$XDG_CONFIG_HOME/kinescope/config.toml`, then `~/.config/kinescope/config.toml`. Only a file
/// named by the first two must exist; the usual place may well hold nothing.
public enum ConfigLoader {
    /// What loading found: the settings and one line per problem, ready for stderr.
    public struct Loaded: Sendable, Equatable {
        public var path: String?
        public var defaults: ConfigDefaults
        public var warnings: [String]
    }

    /// The file to read, and whether the user named it (so that its absence is worth a warning).
    public static func location(flag: String?, environment: [String: String]) -> (path: String, named: Bool)? {
        if let flag, !flag.isEmpty { return (flag, true) }
        if let path = environment["KINESCOPE_CONFIG"], !path.isEmpty { return (path, true) }
        // XDG: a relative XDG_CONFIG_HOME is invalid and is ignored.
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return (xdg + "/kinescope/config.toml", false) }
        if let home = environment["HOME"], !home.isEmpty { return (home + "/.config/kinescope/config.toml", false) }
        return nil
    }

    public static func load(flag: String?, environment: [String: String]) -> Loaded {
        guard let (path, named) = location(flag: flag, environment: environment) else {
            return Loaded(path: nil, defaults: ConfigDefaults(), warnings: [])
        }
        guard FileManager.default.fileExists(atPath: path) else {
            let warnings = named ? [Sanitizer.visible("kinescope: config file \(path) does not exist (using the defaults)")] : []
            return Loaded(path: nil, defaults: ConfigDefaults(), warnings: warnings)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return Loaded(path: path, defaults: ConfigDefaults(), warnings: [Sanitizer.visible("kinescope: \(path): cannot be read (using the defaults)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Loaded(path: path, defaults: ConfigDefaults(), warnings: [Sanitizer.visible("kinescope: \(path): not UTF-8 text (using the defaults)")])
        }
        return parse(text, path: path)
    }

    /// `text` read as the file at `path`.
    public static func parse(_ text: String, path: String) -> Loaded {
        let (defaults, problems) = ConfigDefaults.from(ConfigFile.parse(text))
        let warnings = problems.map { problem in
            problem.line > 0 ? "kinescope: \(path) line \(problem.line): \(problem.message)" : "kinescope: \(path): \(problem.message)"
        }
        return Loaded(path: path, defaults: defaults, warnings: warnings.map(Sanitizer.visible))
    }
}
