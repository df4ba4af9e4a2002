-- A contact's date of birth, and the firm's own matter fields (SPEC F-A8,
-- F-B12): fields the firm defines once (a label, an order, archived or
-- not) and each matter fills in.  A form field may fill one of them, the
-- contact's date of birth, or add an address to the contact's addresses.

ALTER TABLE contacts ADD COLUMN date_of_birth DATE NULL;

-- An archived field leaves the matter's form and page and the form
-- builder's choices; its values stay (it can be restored).  Labels are
-- unique in a firm so that a page never shows two alike.
CREATE TABLE matter_fields (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	label		VARCHAR(100) NOT NULL,
	position	INT UNSIGNED NOT NULL,
	archived_at	DATETIME(6) NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY matter_fields_label (firm_id, label),
	KEY matter_fields_order (firm_id, position),
	CONSTRAINT matter_fields_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;

-- A matter's value of a field: one line of text.  No row: not filled in.
CREATE TABLE matter_field_values (
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	field_id	BIGINT UNSIGNED NOT NULL,
	value		VARCHAR(500) NOT NULL,
	PRIMARY KEY (matter_id, field_id),
	KEY matter_field_values_firm (firm_id, field_id),
	CONSTRAINT matter_field_values_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id),
	CONSTRAINT matter_field_values_field_fk FOREIGN KEY (field_id) REFERENCES matter_fields (id)
) ENGINE=InnoDB;

-- New targets of a form field: the contact's email (added as one more
-- address, never the primary), its date of birth, and a matter field
-- (maps_field says which).
ALTER TABLE form_fields
	MODIFY maps_to ENUM('','contact_name','contact_phone','contact_address',
	    'matter_description','contact_email','contact_birth','matter_field') NOT NULL DEFAULT '',
	ADD COLUMN maps_field BIGINT UNSIGNED NULL,
	ADD CONSTRAINT form_fields_mfield_fk FOREIGN KEY (maps_field) REFERENCES matter_fields (id);
