-- The lowest app version the network accepts, per app name (the sync v5 app-name header, matched without regard to
-- case through name_key): a device that signs in with an older version of that app is refused with
-- api_version_incompatible, saying which version is needed.
CREATE TABLE minimum_app_version (
    name_key  VARCHAR(100) PRIMARY KEY,
    app_name  VARCHAR(100) NOT NULL,
    version   VARCHAR(50)  NOT NULL,
    set_by    VARCHAR(200) NOT NULL,
    set_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
