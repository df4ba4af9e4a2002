-- Documents (SPEC F-A5): nested folders per matter, files stored outside the
-- web root under opaque names (storage_key), never under a client's name.

CREATE TABLE folders (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	parent_id	BIGINT UNSIGNED NULL,
	name		VARCHAR(200) NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	KEY folders_matter (firm_id, matter_id, parent_id, name),
	CONSTRAINT folders_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id),
	CONSTRAINT folders_parent_fk FOREIGN KEY (parent_id) REFERENCES folders (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE documents (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	folder_id	BIGINT UNSIGNED NULL,
	name		VARCHAR(255) NOT NULL,
	size		BIGINT UNSIGNED NOT NULL,
	mime		VARCHAR(100) NOT NULL,
	storage_key	CHAR(64) NOT NULL,
	uploaded_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY documents_storage (storage_key),
	KEY documents_folder (firm_id, matter_id, folder_id, name),
	CONSTRAINT documents_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id),
	CONSTRAINT documents_folder_fk FOREIGN KEY (folder_id) REFERENCES folders (id) ON DELETE CASCADE
) ENGINE=InnoDB;
