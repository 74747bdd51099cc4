package org.syncsites.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Locale;
import org.syncsites.site.Site;

/** A store: its transactions are entered on exactly one site, the one it is active on. */
@Entity
@Table(name = "store")
public class Store {

    public static final int CODE_MAX_LENGTH = 20;
    public static final int NAME_MAX_LENGTH = 100;
    /** The longest ID a legacy central gives (its IDs are 32 characters; the central keeps IDs of up to 64). */
    public static final int LEGACY_ID_MAX_LENGTH = 64;
    /** A store's name record ID is this and its code in capitals, unless a legacy central gave it another. */
    public static final String NAME_ID_PREFIX = "NAME_";

    /** open-mSupply's store modes: the only two it accepts ({@code store_mode}). */
    public enum Mode {
        STORE,
        DISPENSARY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String code;

    @Column(name = "code_key")
    private String codeKey;

    private String name;

    /** The name in lower case: the lists' order (indexed). */
    @Column(name = "name_key")
    private String nameKey;

    /** The ID a legacy mSupply central gave the store, by which its sites know it; null: its code. */
    @Column(name = "legacy_id")
    private String legacyId;

    /** The legacy ID as {@link #codeKey} keys it (indexed): no store's legacy key is another's code key. */
    @Column(name = "legacy_key")
    private String legacyKey;

    /** The ID of the store's name record: the name other stores' transfers and messages name it by. */
    @Column(name = "name_id")
    private String nameId;

    @Column(name = "store_mode")
    private String mode = Mode.STORE.wire();

    /** open-mSupply's disabled flag: its users may no longer sign in to it. */
    private boolean disabled;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "site_id")
    private Site site;

    /** On a remote site: the central made this store active on another site (see StoreDirectory). */
    @Column(name = "active_on_other_site", insertable = false, updatable = false)
    private boolean activeOnOtherSite;

    @Version
    private long version;

    protected Store() {}

    public Store(String code, String name, Site site) {
        this.code = code;
        this.codeKey = codeKey(code);
        this.name = name;
        this.nameKey = nameKey(name);
        this.nameId = NAME_ID_PREFIX + code.strip().toUpperCase(Locale.ROOT);
        this.site = site;
    }

    /**
     * The store's ID on the wire (its {@code store} record's {@code ID}, the {@code store_ID} of its data): the ID a
     * legacy central gave it, else its code.
     */
    public String syncId() {
        return legacyId != null ? legacyId : code;
    }

    /** {@link #syncId} in SQL, of the store table under {@code alias}. */
    public static String syncIdColumn(String alias) {
        return "COALESCE(" + alias + ".legacy_id, " + alias + ".code)";
    }

    /**
     * The SQL condition that the store under {@code alias} is the one a record names by {@code parameter} (its
     * {@link #codeKey} of a code or legacy ID).
     */
    public static String namedBy(String alias, String parameter) {
        return "(" + alias + ".code_key = " + parameter + " OR " + alias + ".legacy_key = " + parameter + ")";
    }

    public String getLegacyId() {
        return legacyId;
    }

    /**
     * The identity a legacy central gave the store: the ID its data names it by and its name record's ID; null for
     * either: its own again (its code, and {@link #NAME_ID_PREFIX} with its code).
     */
    public void takeLegacyIdentity(String id, String newNameId) {
        this.legacyId = id;
        this.legacyKey = id == null ? null : codeKey(id);
        this.nameId =
                newNameId != null ? newNameId : NAME_ID_PREFIX + code.strip().toUpperCase(Locale.ROOT);
    }

    /** The lists' sort key of a store name. */
    public static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public static String codeKey(String code) {
        return code.strip().toLowerCase(Locale.ROOT);
    }

    /** A new name; the code stays (see StoreAdministration#rename). */
    public void rename(String newName) {
        this.name = newName;
        this.nameKey = nameKey(newName);
    }

    /** Makes the store active on {@code newSite} (and so on no other site). */
    public void moveTo(Site newSite) {
        this.site = newSite;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getNameId() {
        return nameId;
    }

    public Mode getMode() {
        return Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    }

    public boolean isDisabled() {
        return disabled;
    }

    /** As open-mSupply sees the store: its mode, and whether it is disabled. */
    public void setMode(Mode newMode, boolean newDisabled) {
        this.mode = newMode.wire();
        this.disabled = newDisabled;
    }

    public Site getSite() {
        return site;
    }

    public boolean isActiveOnOtherSite() {
        return activeOnOtherSite;
    }

    public long getVersion() {
        return version;
    }

    public String label() {
        return name + " (" + code + ")";
    }
}
