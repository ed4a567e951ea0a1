package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"bilat"
)

// The documents of agreements are kept whole in the database, beside the
// registry, with their size and SHA-256 computed here from the bytes
// received, so that what the page shows is what was stored.

// documentCols are the columns of a document's description; its bytes
// are read only when the file is asked for.
const documentCols = "id, agreement_id, name, content_type, size, sha256, uploaded_by, created_at"

// AddDocument stores a file for an agreement after checking its name,
// size and type (from its content), and audits it without its bytes.
func (db *DB) AddDocument(ctx context.Context, a bilat.Actor, d *bilat.Document) error {
	d.Name = bilat.DocumentName(d.Name)
	if err := d.Validate(); err != nil {
		return err
	}
	sum := sha256.Sum256(d.Content)
	d.ContentType, d.Size, d.SHA256 = bilat.DocumentType(d.Content), int64(len(d.Content)), hex.EncodeToString(sum[:])
	d.UploadedBy = a.Name
	return db.inTx(ctx, a, func(tx *Tx) error {
		if _, err := agreements.get(ctx, tx.conn, d.AgreementID); err != nil {
			return err
		}
		d.CreatedAt = tx.now
		err := tx.queryRow(ctx, "INSERT INTO agreement_documents (agreement_id, name, content_type, size, sha256, content, uploaded_by, created_at) "+
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			d.AgreementID, d.Name, d.ContentType, d.Size, d.SHA256, d.Content, d.UploadedBy, ts(d.CreatedAt)).Scan(&d.ID)
		if err != nil {
			return fmt.Errorf("document: insert: %w", err)
		}
		return audit(ctx, tx, "create", "document", d.ID, nil, d)
	})
}

// Documents lists an agreement's documents, oldest first, without bytes.
func (db *DB) Documents(ctx context.Context, agreementID int64) ([]*bilat.Document, error) {
	rows, err := db.reader().query(ctx, "SELECT "+documentCols+" FROM agreement_documents WHERE agreement_id = ? ORDER BY id", agreementID)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	out := []*bilat.Document{}
	for rows.Next() {
		d := &bilat.Document{}
		if err := rows.Scan(documentDests(d)...); err != nil {
			return nil, fmt.Errorf("documents: scan: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Document returns one document with its bytes.
func (db *DB) Document(ctx context.Context, id int64) (*bilat.Document, error) {
	return document(ctx, db.reader(), id)
}

func document(ctx context.Context, c conn, id int64) (*bilat.Document, error) {
	d := &bilat.Document{}
	err := c.queryRow(ctx, "SELECT "+documentCols+", content FROM agreement_documents WHERE id = ?", id).
		Scan(append(documentDests(d), &d.Content)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, bilat.Errorf(bilat.ENOTFOUND, "document %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("document: %w", err)
	}
	return d, nil
}

func documentDests(d *bilat.Document) []any {
	return []any{&d.ID, &d.AgreementID, &d.Name, &d.ContentType, &d.Size, &d.SHA256, &d.UploadedBy, tsCol{&d.CreatedAt}}
}

// DeleteDocument removes a document, recording its description (not its
// bytes) in the audit trail.
func (db *DB) DeleteDocument(ctx context.Context, a bilat.Actor, id int64) error {
	return db.inTx(ctx, a, func(tx *Tx) error {
		d, err := document(ctx, tx.conn, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, "DELETE FROM agreement_documents WHERE id = ?", id); err != nil {
			return fmt.Errorf("document: delete: %w", err)
		}
		return audit(ctx, tx, "delete", "document", id, d, nil)
	})
}
